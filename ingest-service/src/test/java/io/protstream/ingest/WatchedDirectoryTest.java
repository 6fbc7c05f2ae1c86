package io.protstream.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.ingest.domain.FlatFileRenderer;
import io.protstream.ingest.domain.Samples;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.SequenceEventDeserializer;
import io.protstream.testinfra.KafkaProbe;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Release files dropped into the watched directory: ingested once under the release id in their
 * name, never taken as complete unless a manifest says so, with UniProt's deleted-accession list
 * read from beside them. The tests run in order on one ledger.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
@TestProfile(WatchedDirectoryTest.Watching.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchedDirectoryTest {

  private static final String TOKEN = "Bearer test-token";

  // a fixed place: the profile and the test class are loaded by different class loaders, each with
  // its own statics
  static final Path INBOX = Path.of("target", "watched-inbox").toAbsolutePath();

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

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
  @Order(1)
  void droppedReleaseFileIsIngestedOnceUnderItsReleaseId() throws Exception {
    String job = drop("uniprot_sprot-2012_03.dat", Samples.entries("uniprot/multi_ex.txt"));

    given()
        .header("Authorization", TOKEN)
        .get("/releases/" + job)
        .then()
        .body("releaseId", is("2012_03"));
    given().header("Authorization", TOKEN).get("/releases/" + job).then().body("entries", is(8));
    List<String> jobs =
        given()
            .header("Authorization", TOKEN)
            .get("/releases")
            .then()
            .extract()
            .jsonPath()
            .getList("id");
    assertEquals(List.of(job), jobs);
    assertEquals(8, events("2012_03").size());
  }

  /** Without a manifest a file is not a complete release: the 8 entries it lacks stay. */
  @Test
  @Order(2)
  void aOneEntryFileAnnouncesNoDeletion() throws Exception {
    drop("uniprot_sprot-2012_04.dat", Samples.entries("uniprot/Q13639.txt"));

    assertEquals(Set.of("NEW Q13639"), events("2012_04"));
  }

  @Test
  @Order(3)
  void theDeletedAccessionListBesideTheFileIsRead() throws Exception {
    Files.writeString(
        INBOX.resolve("delac_sp.txt"),
        "Deleted accessions\nRelease:     2012_05 of 16-May-2012\n\n_______\nP00750\n");

    drop("uniprot_sprot-2012_05.dat", Samples.entries("uniprot/Q13639.txt"));

    assertEquals(Set.of("DELETED P00750"), events("2012_05"));
  }

  /** A manifest declares the file complete: absent Swiss-Prot accessions are deleted. */
  @Test
  @Order(4)
  void aManifestDeclaresTheFileComplete() throws Exception {
    Files.writeString(
        INBOX.resolve("uniprot_sprot-2012_06.dat.manifest"), "complete=true\ndataset=Swiss-Prot\n");
    List<UniProtEntry> entries =
        Samples.entries("uniprot/multi_ex.txt").stream()
            .filter(e -> !e.accession().equals("P00750") && !e.accession().equals("Q51481"))
            .toList();

    drop("uniprot_sprot-2012_06.dat", entries);

    assertEquals(Set.of("DELETED Q51481", "DELETED Q13639"), events("2012_06"));
  }

  /** Writes the file, waits for its marker and for its job to succeed; returns the job id. */
  private static String drop(String name, List<UniProtEntry> entries) throws Exception {
    Path file = INBOX.resolve(name);
    Path marker = INBOX.resolve(name + ".ingested");
    Files.deleteIfExists(marker);
    Files.writeString(
        file, entries.stream().map(FlatFileRenderer::render).collect(Collectors.joining()));
    for (int i = 0; i < 200 && !Files.exists(marker); i++) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(marker), "no marker after " + name + " was dropped");
    String job = Files.readString(marker).trim();
    String state = "";
    for (int i = 0; i < 240 && !state.equals("SUCCEEDED"); i++) {
      state =
          given()
              .header("Authorization", TOKEN)
              .get("/releases/" + job)
              .then()
              .extract()
              .path("state");
      Thread.sleep(250);
    }
    assertEquals("SUCCEEDED", state);
    return job;
  }

  private Set<String> events(String release) {
    SequenceEventDeserializer decoder = new SequenceEventDeserializer();
    return new KafkaProbe(bootstrapServers)
        .readAll(Topics.SEQUENCES, Duration.ofSeconds(3), Duration.ofSeconds(60)).stream()
            .map(r -> decoder.deserialize(Topics.SEQUENCES, r.value()))
            .filter(e -> e.getReleaseId().equals(release))
            .map(e -> e.getChangeKind() + " " + e.getAccession())
            .collect(Collectors.toSet());
  }

  static {
    try {
      Files.createDirectories(INBOX);
      // a clean inbox per run: files of an earlier run would be taken again
      try (var old = Files.list(INBOX)) {
        for (Path f : old.toList()) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
