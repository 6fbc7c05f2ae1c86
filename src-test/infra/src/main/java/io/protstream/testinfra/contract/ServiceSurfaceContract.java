package io.protstream.testinfra.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What every protstream service exposes the same way, checked against the running application:
 * readiness with its Kafka (and Cassandra) checks, Prometheus metrics, and an OpenAPI document that
 * lists every REST path it serves. A service's {@code @QuarkusTest} extends this and names its
 * readiness checks and package.
 */
public abstract class ServiceSurfaceContract {

  private final String servicePackage;
  private final List<String> readinessChecks;

  protected ServiceSurfaceContract(String servicePackage, String... readinessChecks) {
    this.servicePackage = servicePackage;
    this.readinessChecks = List.of(readinessChecks);
  }

  @Test
  void readinessIsUpWithItsChecks() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.name", hasItems(readinessChecks.toArray(String[]::new)));
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
  }

  @Test
  void exposesPrometheusMetrics() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
  }

  /**
   * The service's own contract file, {@code META-INF/openapi.yaml}, and what it serves name the
   * same paths, both ways: a JAX-RS path missing from the document fails, and so does a documented
   * path that nothing serves (neither a JAX-RS resource nor a static page under {@code
   * META-INF/resources}, {@code /} being its {@code index.html}). The running application must
   * serve that document. (Quarkus adds scanned paths to {@code /q/openapi}, so only the file itself
   * can show a gap.)
   */
  @Test
  void openApiDocumentListsExactlyTheServedRestPaths() throws IOException {
    Set<String> documented = documentedPaths(contractFile());
    Set<String> served = restPaths();
    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);
    assertEquals(
        Set.of(),
        undocumented,
        "served but not in META-INF/openapi.yaml (documented " + documented + ")");
    Set<String> unserved = new TreeSet<>(documented);
    unserved.removeAll(served);
    unserved.removeIf(ServiceSurfaceContract::isStaticPage);
    assertEquals(
        Set.of(), unserved, "in META-INF/openapi.yaml but not served (served " + served + ")");
    String document = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
    assertTrue(document.startsWith("openapi: 3"), document);
    for (String path : documented) {
      assertTrue(document.contains("\n  " + path + ":"), path + " is missing from /q/openapi");
    }
  }

  /** The module's contract file; service tests run in the module's directory. */
  private static String contractFile() throws IOException {
    Path file = Path.of("src", "main", "resources", "META-INF", "openapi.yaml");
    assertTrue(Files.isRegularFile(file), "the service has no " + file);
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static boolean isStaticPage(String path) {
    String file = path.equals("/") ? "/index.html" : path;
    return !path.contains("{")
        && Files.isRegularFile(Path.of("src", "main", "resources", "META-INF", "resources" + file));
  }

  /** The keys of the top-level {@code paths:} map of an OpenAPI YAML document. */
  static Set<String> documentedPaths(String yaml) {
    Set<String> paths = new TreeSet<>();
    boolean inPaths = false;
    for (String line : yaml.lines().toList()) {
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
        inPaths = line.matches("^paths:\\s*$");
        assertFalse(
            line.matches("^paths:\\s*\\{\\s*[^}\\s].*"), "write the paths map in block style");
        continue;
      }
      if (inPaths && line.matches("^  /\\S*:\\s*$")) {
        paths.add(line.trim().replaceAll(":$", "").replaceAll("^'(.*)'$", "$1"));
      }
    }
    return paths;
  }

  /** Paths of the service's JAX-RS resource methods, as OpenAPI writes them. */
  private Set<String> restPaths() {
    Set<String> paths = new TreeSet<>();
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(servicePackage);
    // a misspelt package would find no resources and prove nothing
    assertFalse(classes.isEmpty(), "no classes in " + servicePackage);
    for (JavaClass type : classes) {
      String base =
          type.tryGetAnnotationOfType(jakarta.ws.rs.Path.class)
              .map(jakarta.ws.rs.Path::value)
              .orElse(null);
      if (base == null) {
        continue;
      }
      paths.add(normalize(base));
      type.getMethods().stream()
          .flatMap(m -> m.tryGetAnnotationOfType(jakarta.ws.rs.Path.class).stream())
          .forEach(sub -> paths.add(normalize(base + "/" + sub.value())));
    }
    return paths;
  }

  private static String normalize(String path) {
    String joined = ("/" + path).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }
}
