package io.protstream.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.ingest.config.IngestConfig;
import io.protstream.schemas.SequenceLimits;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The release API's guards: the token on every endpoint, 400s that say what to fix (bodies and
 * refused sources), job views without credentials or stack traces, and pruning of old jobs. The
 * test configuration allows {@code java.io.tmpdir} and {@code http://127.0.0.1:9/releases/}, where
 * nothing listens.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class ReleaseApiTest {

  private static final String TOKEN = "Bearer test-token";
  private static final String NOWHERE = "http://127.0.0.1:9/releases/";

  @Inject IngestConfig config;

  @Test
  void theResidueLimitIsThePipelinesOne() {
    assertEquals(SequenceLimits.MAX_RESIDUES, config.ingest().maxSequenceLength());
  }

  @Test
  void aWrongTokenIsRefusedEverywhere() {
    for (String wrong : List.of("Bearer test-tokem", "Bearer ", "test-token", "Basic dGVzdA==")) {
      post(wrong, Map.of("source", "/nowhere.dat", "releaseId", "2011_01")).statusCode(401);
      given().header("Authorization", wrong).get("/releases").then().statusCode(401);
      given().header("Authorization", wrong).get("/releases/some-job").then().statusCode(401);
    }
  }

  @Test
  void readingJobsNeedsTheTokenToo() {
    given().get("/releases").then().statusCode(401);
    given().get("/releases/some-job").then().statusCode(401);
    given().header("Authorization", TOKEN).get("/releases").then().statusCode(200);
    given().header("Authorization", TOKEN).get("/releases/no-such-job").then().statusCode(404);
  }

  @Test
  void badBodiesAreRefusedWithAReason() {
    given()
        .header("Authorization", TOKEN)
        .contentType(ContentType.JSON)
        .post("/releases")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"source\": ")
        .post("/releases")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"source\": \"/tmp/x.dat\", \"releaseId\": \"2011_01\", \"completely\": true}")
        .post("/releases")
        .then()
        .statusCode(400);
    post(TOKEN, Map.of("source", "/tmp/x.dat"))
        .statusCode(400)
        .body(containsString("releaseId is required"));
    post(TOKEN, Map.of("releaseId", "2011_01")).statusCode(400).body(containsString("source"));
    post(TOKEN, Map.of("source", "/tmp/x.dat", "releaseId", "../../etc")).statusCode(400);
    post(TOKEN, Map.of("source", "/tmp/x.dat", "releaseId", "2011_01", "dataset", "PDB"))
        .statusCode(400)
        .body(containsString("dataset"));
  }

  @Test
  void sourcesOutsideTheAllowListsAreRefusedNamingTheRule() throws Exception {
    // the build folder, unless the checkout itself lies in the allowed temporary folder
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
    Path target = Path.of("target").toRealPath();
    Path dir = target.startsWith(tmp) ? Path.of(System.getProperty("user.home")) : target;
    assertFalse(dir.toRealPath().startsWith(tmp), dir + " is inside the allowed " + tmp);
    Path outside = Files.createTempFile(dir, "outside", ".dat");
    outside.toFile().deleteOnExit();
    post(TOKEN, Map.of("source", outside.toString(), "releaseId", "2011_01"))
        .statusCode(400)
        .body(containsString("allowed-directories"));
    post(TOKEN, Map.of("source", "/etc/passwd", "releaseId", "2011_01"))
        .statusCode(400)
        .body(containsString("allowed-directories"));
    post(
            TOKEN,
            Map.of(
                "source",
                System.getProperty("java.io.tmpdir") + "/../etc/passwd",
                "releaseId",
                "2011_01"))
        .statusCode(400)
        .body(containsString("parent-segments"));
    post(
            TOKEN,
            Map.of(
                "source",
                "https://user:hunter2@ftp.uniprot.org.attacker.example/x.dat",
                "releaseId",
                "2011_01"))
        .statusCode(400)
        .body(containsString("allowed-url-prefixes"))
        .body(not(containsString("hunter2")));
    post(
            TOKEN,
            Map.of("source", "http://169.254.169.254/latest/meta-data/", "releaseId", "2011_01"))
        .statusCode(400)
        .body(containsString("allowed-url-prefixes"));
    Path tmpFile = Files.createTempFile("ok", ".dat");
    post(
            TOKEN,
            Map.of(
                "source",
                tmpFile.toString(),
                "releaseId",
                "2011_01",
                "deletedAccessions",
                "/etc/passwd"))
        .statusCode(400)
        .body(containsString("allowed-directories"));
  }

  /** The download fails (nothing listens on port 9); the view shows neither secret nor trace. */
  @Test
  void jobViewsHideCredentialsAndShowAMessage() {
    String job =
        post(
                TOKEN,
                Map.of(
                    "source",
                    "http://reader:hunter2@127.0.0.1:9/releases/x.dat?token=abc",
                    "releaseId",
                    "2011_09"))
            .statusCode(202)
            .body("source", not(containsString("hunter2")))
            .extract()
            .path("id");
    String state = awaitFinished(job);
    assertEquals("FAILED", state);
    var view = given().header("Authorization", TOKEN).get("/releases/" + job).then();
    String source = view.extract().path("source");
    String error = view.extract().path("error");
    assertEquals("http://***@127.0.0.1:9/releases/x.dat?token=***", source);
    assertFalse(error.contains("hunter2") || error.contains("abc"), error);
    assertFalse(error.contains("\tat ") || error.startsWith("java."), error);
    view.body("releaseId", is("2011_09"));
  }

  /** The test configuration keeps 20 finished jobs. */
  @Test
  void oldJobsArePruned() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(
          post(TOKEN, Map.of("source", NOWHERE + "p" + i + ".dat", "releaseId", "prune_" + i))
              .statusCode(202)
              .extract()
              .path("id"));
    }
    awaitFinished(ids.get(ids.size() - 1));
    List<String> kept =
        given()
            .header("Authorization", TOKEN)
            .get("/releases")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("id");
    assertTrue(kept.size() <= 20, kept.size() + " jobs kept");
    assertTrue(kept.contains(ids.get(ids.size() - 1)), "the newest job is kept");
    given().header("Authorization", TOKEN).get("/releases/" + ids.get(0)).then().statusCode(404);
  }

  private static io.restassured.response.ValidatableResponse post(
      String auth, Map<String, ?> body) {
    return given()
        .header("Authorization", auth)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/releases")
        .then();
  }

  private static String awaitFinished(String job) {
    for (int i = 0; i < 240; i++) {
      String state =
          given()
              .header("Authorization", TOKEN)
              .get("/releases/" + job)
              .then()
              .extract()
              .path("state");
      if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
        return state;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("job " + job + " did not finish");
  }
}
