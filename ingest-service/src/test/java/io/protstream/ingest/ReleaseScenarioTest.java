package io.protstream.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.SequenceEvent;
import io.protstream.ingest.domain.FlatFileRenderer;
import io.protstream.ingest.domain.TwoReleases;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.schemas.DeadLetter;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.SequenceEventDeserializer;
import io.protstream.testinfra.KafkaProbe;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link TwoReleases} through the REST API, the real Cassandra ledger and the real broker, then a
 * file with a bad record.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseScenarioTest {

  private static final String TOKEN = "Bearer test-token";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private record Event(
      String release, String kind, String accession, String mergedInto, boolean embeddingExists) {}

  @Test
  @Order(1)
  void firstReleaseAnnouncesEveryEntryAsNew() throws IOException {
    ingest(write("release1.dat", TwoReleases.release1()), "2010_11");

    List<Event> events = events("2010_11");
    assertEquals(10, events.size(), events.toString());
    assertTrue(
        events.stream().allMatch(e -> e.kind().equals("NEW") && !e.embeddingExists()),
        events.toString());
    // curated annotations travel on the event: multi_ex.txt lines 11, 323 and 501 (P00750)
    SequenceEvent tpa =
        sequenceEvents("2010_11").stream()
            .filter(e -> e.getAccession().equals("P00750"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("3.4.21.68"), tpa.getCurated().getEcNumbers());
    assertEquals(
        List.of("Secreted, extracellular space"), tpa.getCurated().getSubcellularLocations());
    assertEquals("GO:0009986", tpa.getCurated().getGoTerms().get(0).getId());
    assertEquals("IDA", tpa.getCurated().getGoTerms().get(0).getEvidence());
    assertEquals(19, tpa.getCurated().getKeywords().size());
  }

  @Test
  @Order(2)
  void secondReleaseAnnouncesExactlyItsChanges() throws IOException {
    ingest(write("release2.dat", TwoReleases.release2()), "2011_01");

    Set<Event> events = Set.copyOf(events("2011_01"));
    assertEquals(
        Set.of(
            new Event("2011_01", "SEQUENCE_CHANGED", "P00750", null, false),
            new Event("2011_01", "ANNOTATION_ONLY", "P56540", null, true),
            new Event("2011_01", "ANNOTATION_ONLY", "Q8NE62", null, true),
            new Event("2011_01", "MERGED", "Q51481", "Q8NE62", false),
            new Event("2011_01", "DELETED", "Q51858", null, false),
            new Event("2011_01", "NEW", "Q13639", null, false),
            new Event("2011_01", "NEW", "A0A0B4J2F0", null, true)),
        events);
  }

  @Test
  @Order(3)
  void runningTheSameReleaseAgainAnnouncesNothing() throws IOException {
    String job = ingest(write("release2-again.dat", TwoReleases.release2()), "2011_01");

    given()
        .header("Authorization", TOKEN)
        .get("/releases/" + job)
        .then()
        .body("changes.UNCHANGED", is(10))
        .body("changes.NEW", is(0));
  }

  @Test
  @Order(4)
  void malformedRecordsAreDeadLetteredAndTheGoodOnesAroundThemFlow() throws IOException {
    Path file = Files.createTempFile("flat-wrong-crc64", ".dat");
    try (var in = getClass().getResourceAsStream("/malformed/flat-wrong-crc64.dat")) {
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    double rejectsBefore = rejectsMetric("CRC64_MISMATCH");
    String job = ingest(file, "broken_01", false);

    given()
        .header("Authorization", TOKEN)
        .get("/releases/" + job)
        .then()
        .body("rejects", is(1))
        .body("entries", is(2));
    var dead =
        new KafkaProbe(bootstrapServers)
            .await(
                Topics.SEQUENCES_DLQ,
                r -> "broken_01".equals(KafkaProbe.header(r, DeadLetter.RELEASE)),
                Duration.ofSeconds(60))
            .orElseThrow(() -> new AssertionError("no reject on " + Topics.SEQUENCES_DLQ));
    assertTrue(KafkaProbe.header(dead, DeadLetter.REASON).startsWith("CRC64_MISMATCH"));
    assertEquals("ingest.parse", KafkaProbe.header(dead, DeadLetter.STAGE));
    assertTrue(KafkaProbe.header(dead, DeadLetter.SOURCE).contains(file.toString()));
    assertEquals("Q51858", dead.key());
    // the dead-letter contract: the value is the rejected record as read (lines 54-103 of the
    // file: Q51858's ID line through its // line), the description is in the headers
    List<String> lines = Files.readAllLines(file);
    String record = String.join("\n", lines.subList(53, 103)) + "\n";
    assertTrue(record.startsWith("ID   CBBQ_PSEHY") && record.endsWith("//\n"), record);
    assertEquals(record, new String(dead.value(), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(rejectsBefore + 1, rejectsMetric("CRC64_MISMATCH"), "rejects metric");
  }

  /** The rejects counter as Prometheus shows it; 0 before the first reject of that reason. */
  private static double rejectsMetric(String reason) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    String prefix = "protstream_ingest_rejects_total{";
    return metrics
        .lines()
        .filter(l -> l.startsWith(prefix) && l.contains("reason=\"" + reason + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void writesNeedTheToken() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("source", "/nowhere.dat", "releaseId", "2011_01"))
        .post("/releases")
        .then()
        .statusCode(401);
  }

  private String ingest(Path file, String release) {
    return ingest(file, release, true);
  }

  private String ingest(Path file, String release, boolean complete) {
    String job =
        given()
            .header("Authorization", TOKEN)
            .contentType(ContentType.JSON)
            .body(Map.of("source", file.toString(), "releaseId", release, "complete", complete))
            .post("/releases")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    for (int i = 0; i < 240; i++) {
      String state =
          given()
              .header("Authorization", TOKEN)
              .get("/releases/" + job)
              .then()
              .extract()
              .path("state");
      if (state.equals("SUCCEEDED")) {
        return job;
      }
      assertFalse(
          state.equals("FAILED"),
          given().header("Authorization", TOKEN).get("/releases/" + job).asString());
      sleep();
    }
    throw new AssertionError("job " + job + " did not finish");
  }

  private List<Event> events(String release) {
    return sequenceEvents(release).stream()
        .map(ReleaseScenarioTest::event)
        .collect(Collectors.toList());
  }

  private List<SequenceEvent> sequenceEvents(String release) {
    SequenceEventDeserializer decoder = new SequenceEventDeserializer();
    List<ConsumerRecord<String, byte[]>> records =
        new KafkaProbe(bootstrapServers)
            .readAll(Topics.SEQUENCES, Duration.ofSeconds(3), Duration.ofSeconds(60));
    return records.stream()
        .map(r -> decoder.deserialize(Topics.SEQUENCES, r.value()))
        .filter(e -> e.getReleaseId().equals(release))
        .toList();
  }

  private static Event event(SequenceEvent e) {
    return new Event(
        e.getReleaseId(),
        e.getChangeKind().name(),
        e.getAccession(),
        e.getMergedInto(),
        e.getEmbeddingExists());
  }

  private static Path write(String name, List<UniProtEntry> entries) throws IOException {
    Path file = Files.createTempDirectory("release").resolve(name);
    Files.writeString(
        file, entries.stream().map(FlatFileRenderer::render).collect(Collectors.joining()));
    return file;
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
