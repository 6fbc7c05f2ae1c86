package io.protstream.ingest.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.protstream.ingest.domain.parse.UniProtReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The domain core and the command-line check run without the service platform. */
class DomainIndependenceTest {

  private static final String[] PLATFORM_PACKAGES = {
    "io.quarkus..",
    "jakarta..",
    "javax.enterprise..",
    "javax.inject..",
    "org.eclipse.microprofile..",
    "io.smallrye..",
    "org.apache.kafka..",
    "com.datastax..",
    "io.vertx..",
    "com.fasterxml.."
  };

  /** The compiled main classes only: test fixtures may use whatever they like. */
  private final JavaClasses core = new ClassFileImporter().importPath(mainClasses());

  private static Path mainClasses() {
    try {
      return Path.of(
          UniProtReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void domainAndCommandUseNoPlatformClasses() {
    noClasses()
        .that()
        .resideInAnyPackage("io.protstream.ingest.domain..", "io.protstream.ingest.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(PLATFORM_PACKAGES)
        .check(core);
  }

  @Test
  void domainNeedsOnlyTheJdk() {
    classes()
        .that()
        .resideInAPackage("io.protstream.ingest.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.protstream.ingest.domain..", "java..", "javax.xml..")
        .check(core);
  }
}
