package io.protstream.testinfra.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
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

  @Test
  void openApiDocumentListsEveryRestPath() throws IOException {
    String document = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
    assertTrue(document.startsWith("openapi: 3"), document);
    Set<String> documented = new TreeSet<>();
    document
        .lines()
        .filter(line -> line.matches("^  /.*:\\s*$"))
        .forEach(line -> documented.add(line.trim().replaceAll(":$", "")));
    for (String path : restPaths()) {
      assertTrue(documented.contains(path), path + " is served but not in META-INF/openapi.yaml");
    }
  }

  /** Paths of the service's JAX-RS resource methods, as OpenAPI writes them. */
  private Set<String> restPaths() {
    Set<String> paths = new TreeSet<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(servicePackage)) {
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
