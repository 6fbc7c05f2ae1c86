package io.protstream.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A release file dropped into the watched directory is ingested once, under the release id in its
 * name.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
@TestProfile(WatchedDirectoryTest.Watching.class)
class WatchedDirectoryTest {

  // a fixed place: the profile and the test class are loaded by different class loaders, each with
  // its own statics
  static final Path INBOX = Path.of("target", "watched-inbox").toAbsolutePath();

  /** The service with a watched directory that it looks at often. */
  public static final class Watching implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "protstream.ingest.watch-directory", INBOX.toString(),
          "protstream.ingest.watch-interval", "PT0.2S",
          "protstream.cassandra.keyspace", "watched_ingest");
    }
  }

  @Test
  void droppedReleaseFileIsIngestedOnceUnderItsReleaseId() throws Exception {
    Path file = INBOX.resolve("uniprot_sprot-2012_03.dat");
    Files.deleteIfExists(INBOX.resolve("uniprot_sprot-2012_03.dat.ingested"));
    Files.deleteIfExists(file);
    try (var in = getClass().getResourceAsStream("/uniprot/multi_ex.txt")) {
      Files.copy(in, file);
    }
    Path marker = INBOX.resolve("uniprot_sprot-2012_03.dat.ingested");
    for (int i = 0; i < 200 && !Files.exists(marker); i++) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(marker), "no marker after the file was dropped");
    String job = Files.readString(marker).trim();

    String state = "";
    for (int i = 0; i < 240 && !state.equals("SUCCEEDED"); i++) {
      state = given().get("/releases/" + job).then().extract().path("state");
      Thread.sleep(250);
    }
    assertEquals("SUCCEEDED", state);
    given().get("/releases/" + job).then().body("releaseId", org.hamcrest.Matchers.is("2012_03"));
    given().get("/releases/" + job).then().body("entries", org.hamcrest.Matchers.is(8));
    assertEquals(1, given().get("/releases").then().extract().jsonPath().getList("id").size());
  }

  static {
    try {
      Files.createDirectories(INBOX);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
