package io.protstream.embed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.embed.testing.Readiness;
import io.protstream.embed.testing.ReferenceCases;
import io.protstream.embed.testing.TinyModelResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /embed} on the loaded tiny model: the reference numbers, and clear refusals. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TinyModelResource.class, restrictToAnnotatedClass = false)
class EmbedResourceTest {

  @BeforeEach
  void awaitModel() throws InterruptedException {
    Readiness.await();
  }

  @Test
  void embedsAQueryAsTheReferenceDoes() {
    for (ReferenceCases.Case c : ReferenceCases.all()) {
      JsonPath answer =
          given()
              .contentType(ContentType.JSON)
              .body(Map.of("sequence", c.sequence(), "perResidue", true))
              .when()
              .post("/embed")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(64, answer.getInt("dimension"));
      assertEquals(c.sequence().length(), answer.getInt("length"));
      assertTrue(answer.getString("modelId").startsWith("prott5-"));
      float[] vector = floats(answer.getList("vector", Float.class));
      double error = ReferenceCases.relativeError(c.protein(), vector);
      assertTrue(error <= 1e-4, c.name() + ": vector " + error + " from the reference");
      List<List<Number>> rows = answer.getList("residues");
      assertEquals(c.sequence().length(), rows.size());
      float[] flat = new float[rows.size() * 64];
      for (int r = 0; r < rows.size(); r++) {
        List<Number> row = rows.get(r);
        for (int j = 0; j < 64; j++) {
          flat[r * 64 + j] = row.get(j).floatValue();
        }
      }
      double residueError = ReferenceCases.relativeError(c.residues(), flat);
      assertTrue(residueError <= 1e-4, c.name() + ": residues " + residueError);
    }
  }

  @Test
  void perResidueIsLeftOutUnlessAskedFor() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("sequence", "MKTAYIAK"))
        .when()
        .post("/embed")
        .then()
        .statusCode(200)
        .body("length", is(8))
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("residues")));
  }

  @Test
  void refusesBadSequencesWithAClearMessage() {
    refused(Map.of("sequence", ""), "EMPTY", "empty");
    refused(Map.of("sequence", "MKT1AL"), "INVALID_CHARACTER", "position 4");
    refused(
        Map.of("sequence", "A".repeat(TinyModelResource.REST_MAX_RESIDUES + 1)),
        "TOO_LONG",
        "limit is " + TinyModelResource.REST_MAX_RESIDUES);
    refused(Map.of("perResidue", true), "MISSING_SEQUENCE", "required");
  }

  @Test
  void refusesABodyOverTheLimit() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"sequence\": \"" + "A".repeat(300_000) + "\"}")
        .when()
        .post("/embed")
        .then()
        .statusCode(413);
  }

  private static void refused(Map<String, Object> body, String reason, String message) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/embed")
        .then()
        .statusCode(400)
        .body("reason", is(reason))
        .body("error", containsString(message));
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
