package io.protstream.testinfra.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** Architecture rules every service checks with ArchUnit. */
public final class DomainRules {

  /**
   * Business rules live in {@code ..domain..} as plain Java: no framework, messaging or database
   * API, so they are unit-tested without a container and survive a change of framework.
   */
  public static final ArchRule DOMAIN_IS_FRAMEWORK_FREE =
      noClasses()
          .that()
          .resideInAPackage("..domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quarkus..",
              "jakarta..",
              "javax.inject..",
              "org.eclipse.microprofile..",
              "io.smallrye..",
              "io.vertx..",
              "org.apache.kafka..",
              "com.datastax..")
          .because("domain classes hold business rules and must stay framework-free");

  private DomainRules() {}

  /** Checks the rules on a service's production classes (its tests may use anything). */
  public static void check(String servicePackage) {
    DOMAIN_IS_FRAMEWORK_FREE.check(
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(servicePackage));
  }
}
