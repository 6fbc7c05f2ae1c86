package io.protstream.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Health (with Kafka and Cassandra checks), metrics and OpenAPI, against the real broker and
 * database.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class ServiceSurfaceTest {

  @Test
  void readinessCoversKafkaAndCassandra() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.is("UP"))
        .body("checks.name", hasItems("cassandra", "Kafka connection health check"));
  }

  @Test
  void exposesPrometheusMetricsAndOpenApi() {
    given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    given().when().get("/q/openapi").then().statusCode(200);
  }
}
