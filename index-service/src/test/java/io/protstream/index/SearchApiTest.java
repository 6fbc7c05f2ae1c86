package io.protstream.index;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.protstream.events.ChangeKind;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refusal of the search API, over HTTP, with the message that says what to fix. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class SearchApiTest {

  private static final String SEQUENCE = "MSEARCHAPI";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @BeforeEach
  void oneIndexedProteinAndTwoRetiredOnes() {
    IndexEvents events = new IndexEvents(bootstrapServers);
    Instant t = IndexEvents.T0;
    float[] vector = IndexEvents.vector(-30f);
    events.send(IndexEvents.entry("Q1S001", SEQUENCE, t).build());
    events.send(IndexEvents.embedding(SEQUENCE, vector, t));
    events.send(IndexEvents.entry("Q1S002", "MSEARCHAPIGONE", t).build());
    events.send(
        IndexEvents.retired("Q1S002", ChangeKind.DELETED, "2025_02", null, t.plusSeconds(9)));
    events.send(IndexEvents.retired("Q1S003", ChangeKind.MERGED, "2025_02", "Q1S001", t));
    IndexEvents.await(
        "indexed",
        () -> ConvergenceTest.nearest(vector, "exact").contains(IndexEvents.digestOf(SEQUENCE)));
    IndexEvents.await(
        "retired",
        () ->
            given().get("/api/proteins/Q1S002").then().extract().statusCode() == 410
                && given()
                        .redirects()
                        .follow(false)
                        .get("/api/proteins/Q1S003")
                        .then()
                        .extract()
                        .statusCode()
                    == 301);
  }

  @Test
  void badRequestsAre400WithWhatToFix() {
    bad("{\"accession\": \"Q1S001\", \"size\": 3}", "unknown field 'size'");
    bad(
        "{\"accession\": \"Q1S001\", \"sequence\": \"MK\"}",
        "exactly one of accession, sequence or vector");
    bad("{\"accession\": \"Q1S001\", \"k\": 0}", "k: 0 is out of range; use 1 to 1000");
    bad("{\"accession\": \"Q1S001\", \"k\": 1001}", "k: 1001 is out of range; use 1 to 1000");
    bad("{\"vector\": [1, 2, 3]}", "vector: has 3 values, the index holds vectors of 8");
    bad("{\"vector\": [1, 2, 3, NaN, 5, 6, 7, 8]}", "element 3 is NaN");
    bad("{\"sequence\": \"MKV*LL\"}", "invalid residue '*' at position 4");
    bad(
        "{\"sequence\": \"" + "A".repeat(40_001) + "\"}",
        "40001 residues, the most a search accepts is 40000");
    bad(
        "{\"accession\": \"Q1S001\", \"pad\": \"" + "x".repeat(1_048_576) + "\"}",
        "the request body is over 1048576 bytes");
    bad("{\"accession\": ", "the body is not valid JSON");
    bad("[1, 2]", "the body must be a JSON object");
  }

  @Test
  void unknownIs404DeletedIs410MergedIs301() {
    given().get("/api/proteins/Q9Z999").then().statusCode(404).body("error", equalTo("unknown"));
    search("{\"accession\": \"Q9Z999\"}").then().statusCode(404);
    search("{\"accession\": \"Q1S002\"}")
        .then()
        .statusCode(410)
        .body("release", equalTo("2025_02"))
        .body("message", containsString("deleted in release 2025_02"));
    given()
        .redirects()
        .follow(false)
        .contentType(ContentType.JSON)
        .body("{\"accession\": \"Q1S003\"}")
        .post("/api/search")
        .then()
        .statusCode(301)
        .header("Location", endsWith("/api/proteins/Q1S001"))
        .body("mergedInto", equalTo("Q1S001"));
    given().get("/api/proteins/Q1S001").then().statusCode(200).body("sequence", equalTo(SEQUENCE));
  }

  @Test
  void sequenceSearchWithoutAnEmbeddingServiceIs503() {
    search("{\"sequence\": \">q\\nMKVLA\"}")
        .then()
        .statusCode(503)
        .body("error", equalTo("embedder_unavailable"))
        .body("message", containsString("embedding service"));
  }

  private static io.restassured.response.Response search(String body) {
    return given().contentType(ContentType.JSON).body(body).post("/api/search");
  }

  private static void bad(String body, String message) {
    search(body)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid"))
        .body("message", containsString(message));
  }
}
