package io.protstream.index;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.events.TransferredAnnotationEvent;
import io.protstream.events.TransferredGoTerm;
import io.protstream.events.TransferredLabel;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.TransferredAnnotationEventDeserializer;
import io.protstream.testinfra.KafkaProbe;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Continuous annotation on a small labelled set: two reviewed neighbours at Euclidean distances 0.5
 * (RI 0.5) and 1.0 (RI 1/3) from a new unreviewed sequence, and an unreviewed one at 0.1 that must
 * not be a source. The published event carries the labels worked out by hand, once per new digest
 * even when its events are replayed; the search API transfers the same labels.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class TransferPublishTest {

  private static final float BASE = -200f;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject MeterRegistry meters;

  @Test
  void newUnannotatedSequenceGetsItsNeighboursLabelsOnce() {
    IndexEvents events = new IndexEvents(bootstrapServers);
    Instant t = IndexEvents.T0;
    String r1 = "MTRANSFERONE";
    String r2 = "MTRANSFERTWO";
    String u1 = "MTRANSFERUNREVIEWED";
    String fresh = "MTRANSFERNEW";
    events.send(
        IndexEvents.entry("P1T001", r1, t)
            .setCurated(
                IndexEvents.curated(
                    List.of(IndexEvents.go("GO:0005737", "C"), IndexEvents.go("GO:0003824", "F")),
                    List.of("3.1.1.4"),
                    List.of("Hydrolase"),
                    List.of()))
            .build());
    events.send(
        IndexEvents.entry("P1T002", r2, t)
            .setCurated(
                IndexEvents.curated(
                    List.of(IndexEvents.go("GO:0005634", "C"), IndexEvents.go("GO:0006915", "P")),
                    List.of(),
                    List.of("Nucleus"),
                    List.of("Nucleus")))
            .build());
    events.send(
        IndexEvents.entry("A0A1T0A001", u1, t)
            .setReviewed(false)
            .setCurated(
                IndexEvents.curated(List.of(), List.of("9.9.9.9"), List.of("Ignored"), List.of()))
            .build());
    events.send(IndexEvents.embedding(r1, IndexEvents.vector(BASE, 0.5f), t));
    events.send(IndexEvents.embedding(r2, IndexEvents.vector(BASE, 0f, 1.0f), t));
    events.send(IndexEvents.embedding(u1, IndexEvents.vector(BASE, 0f, 0f, 0.1f), t));
    float[] query = IndexEvents.vector(BASE);
    IndexEvents.await(
        "labelled set searchable",
        () ->
            ConvergenceTest.nearest(query, "exact")
                .containsAll(
                    List.of(
                        IndexEvents.digestOf(r1),
                        IndexEvents.digestOf(r2),
                        IndexEvents.digestOf(u1))));

    String digest = IndexEvents.digestOf(fresh);
    events.send(IndexEvents.entry("A0A1T0A002", fresh, t).setReviewed(false).build());
    events.send(IndexEvents.embedding(fresh, query, t));
    ConsumerRecord<String, byte[]> record = awaitTransfer(events, digest);
    TransferredAnnotationEvent event = decode(record);

    assertEquals(List.of("A0A1T0A002"), event.getAccessions());
    assertEquals(
        "io.protstream.protein.transferred-annotation.v1", KafkaProbe.header(record, "ce_type"));
    assertEquals(digest, KafkaProbe.header(record, "ce_subject"));
    assertEquals(IndexEvents.MODEL, event.getModelId());
    assertEquals(
        List.of(
            go("GO:0003824", "F", 0.5, 0.5, "P1T001"),
            go("GO:0005737", "C", 0.5, 0.5, "P1T001"),
            go("GO:0006915", "P", 1.0 / 3.0, 1.0, "P1T002")),
        rounded(event.getGoTerms()));
    assertEquals(
        List.of(label("3.1.1.4", 0.5, 0.5, "P1T001")), roundedLabels(event.getEcNumbers()));
    assertEquals(
        List.of(label("Hydrolase", 0.5, 0.5, "P1T001")), roundedLabels(event.getKeywords()));
    assertEquals(
        List.of(label("Nucleus", 1.0 / 3.0, 1.0, "P1T002")),
        roundedLabels(event.getSubcellularLocations()));

    // the search API transfers the same labels to the same query
    List<String> keywords =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("vector", IndexEvents.list(query), "k", 5, "method", "exact"))
            .post("/api/search")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("transferred.keywords.label", String.class);
    assertEquals(List.of("Hydrolase"), keywords);

    double entries = meters.counter("protstream_index_entries_stored").count();
    double embeddings = meters.counter("protstream_index_embeddings_stored").count();
    events.send(IndexEvents.entry("A0A1T0A002", fresh, t).setReviewed(false).build());
    events.send(IndexEvents.embedding(fresh, query, t));
    IndexEvents.await(
        "replays processed",
        () ->
            meters.counter("protstream_index_entries_stored").count() >= entries + 1
                && meters.counter("protstream_index_embeddings_stored").count() >= embeddings + 1);
    long published =
        events
            .kafka()
            .readAll(Topics.TRANSFERRED_ANNOTATIONS, Duration.ofSeconds(2), Duration.ofSeconds(20))
            .stream()
            .filter(r -> digest.equals(r.key()))
            .count();
    assertEquals(1, published, "one transfer per new sequence");
  }

  /**
   * Sources are looked up among annotated digests only: 60 unannotated digests lie nearer to the
   * new sequence (0.01 to 0.60) than the one reviewed source (1.0), and its label still arrives,
   * with RI = 0.5 / (0.5 + 1.0) = 1/3.
   */
  @Test
  void theNearestSourceIsFoundBehindManyNearerUnannotatedDigests() {
    IndexEvents events = new IndexEvents(bootstrapServers);
    Instant t = IndexEvents.T0;
    // a region of the space no other test uses: results are searched by nearness
    float base = -700f;
    String residues = "ACDEFGHIKLMNPQRSTVWY";
    double embeddings = meters.counter("protstream_index_embeddings_stored").count();
    for (int i = 1; i <= 60; i++) {
      String sequence = "MCROWD" + residues.charAt(i / 20) + residues.charAt(i % 20);
      events.send(
          IndexEvents.entry(String.format("A0A2C0%04d", i), sequence, t)
              .setReviewed(false)
              .build());
      events.send(IndexEvents.embedding(sequence, IndexEvents.vector(base, 0f, 0f, 0.01f * i), t));
    }
    String source = "MCROWDSOURCE";
    events.send(
        IndexEvents.entry("P2C001", source, t)
            .setCurated(IndexEvents.curated(List.of(), List.of(), List.of("Kinase"), List.of()))
            .build());
    events.send(IndexEvents.embedding(source, IndexEvents.vector(base, 1.0f), t));
    IndexEvents.await(
        "the crowd and the source stored",
        () -> meters.counter("protstream_index_embeddings_stored").count() >= embeddings + 61);
    IndexEvents.await(
        "the source searchable",
        () ->
            ConvergenceTest.nearest(IndexEvents.vector(base, 1.0f), "exact")
                .contains(IndexEvents.digestOf(source)));

    String fresh = "MCROWDNEW";
    String digest = IndexEvents.digestOf(fresh);
    events.send(IndexEvents.entry("A0A2C0NEW1", fresh, t).setReviewed(false).build());
    events.send(IndexEvents.embedding(fresh, IndexEvents.vector(base), t));
    TransferredAnnotationEvent event = decode(awaitTransfer(events, digest));
    assertEquals(
        List.of(label("Kinase", 1.0 / 3.0, 1.0, "P2C001")), roundedLabels(event.getKeywords()));
  }

  private static ConsumerRecord<String, byte[]> awaitTransfer(IndexEvents events, String digest) {
    return events
        .kafka()
        .await(Topics.TRANSFERRED_ANNOTATIONS, r -> digest.equals(r.key()), Duration.ofSeconds(60))
        .orElseThrow(() -> new AssertionError("no transfer published for the new sequence"));
  }

  private static TransferredAnnotationEvent decode(ConsumerRecord<String, byte[]> record) {
    return new TransferredAnnotationEventDeserializer()
        .deserialize(Topics.TRANSFERRED_ANNOTATIONS, record.value());
  }

  private static TransferredGoTerm go(
      String id, String aspect, double ri, double d, String source) {
    return TransferredGoTerm.newBuilder()
        .setId(id)
        .setAspect(aspect)
        .setReliabilityIndex(round(ri))
        .setDistance(round(d))
        .setSourceAccession(source)
        .build();
  }

  private static TransferredLabel label(String text, double ri, double d, String source) {
    return TransferredLabel.newBuilder()
        .setLabel(text)
        .setReliabilityIndex(round(ri))
        .setDistance(round(d))
        .setSourceAccession(source)
        .build();
  }

  /** Distances come from float vectors: compare at 1e-5. */
  private static double round(double x) {
    return Math.round(x * 1e5) / 1e5;
  }

  private static List<TransferredGoTerm> rounded(List<TransferredGoTerm> terms) {
    return terms.stream()
        .map(
            g ->
                go(
                    g.getId(),
                    g.getAspect(),
                    g.getReliabilityIndex(),
                    g.getDistance(),
                    g.getSourceAccession()))
        .toList();
  }

  private static List<TransferredLabel> roundedLabels(List<TransferredLabel> labels) {
    return labels.stream()
        .map(
            l ->
                label(
                    l.getLabel(), l.getReliabilityIndex(), l.getDistance(), l.getSourceAccession()))
        .toList();
  }
}
