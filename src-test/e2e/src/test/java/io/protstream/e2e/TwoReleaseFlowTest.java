package io.protstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.pipeline.Prediction;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.Embedding;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.schemas.CloudEventHeaders;
import io.protstream.schemas.Fp16Matrix;
import io.protstream.schemas.ProbabilityBytes;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.AnnotationEventDeserializer;
import io.protstream.schemas.serde.ProteinEmbeddingEventDeserializer;
import io.protstream.schemas.serde.ResidueEmbeddingEventDeserializer;
import io.protstream.schemas.serde.SequenceEventDeserializer;
import io.protstream.schemas.serde.TransferredAnnotationEventDeserializer;
import io.protstream.testinfra.CassandraEndpoint;
import io.protstream.testinfra.KafkaEndpoint;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Release 1 then release 2 of the two-release fixture through the four packaged services, as
 * separate JVMs on the real broker and database, with a tiny demo model. Release 2 changes P00750's
 * sequence, updates only P56540's annotations, drops Q51858 (the release is declared complete),
 * adds Q13639, merges Q51481 into Q8NE62 and adds A0A0B4J2F0 with P00981's sequence. Expected
 * values come from the fixture files, read by the test's own reader, and from {@link ProtT5Model}
 * run in the test on the same sequences.
 */
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReleaseFlowTest {

  private static final String RELEASE_1 = "2010_11";
  private static final String RELEASE_2 = "2011_01";
  private static final Duration FLOW = Duration.ofSeconds(90);

  private final Map<String, FlatFileFixture.Entry> live =
      FlatFileFixture.entries(FlatFileFixture.RELEASE_2);
  private final Map<String, FlatFileFixture.Entry> first =
      FlatFileFixture.entries(FlatFileFixture.RELEASE_1);

  private ServiceSet services;
  private IndexApi index;
  private CqlSession cassandra;
  private String bootstrapServers;
  private Instant since;

  @BeforeAll
  void runBothReleases(KafkaEndpoint kafka, CassandraEndpoint endpoint) throws Exception {
    bootstrapServers = kafka.bootstrapServers();
    String prefix = "e2e_two_releases_" + ProcessHandle.current().pid();
    Path releases = FlatFileFixture.copyTo(Path.of("target", "e2e-releases").toAbsolutePath());
    services =
        new ServiceSet(
                new ServiceSet.Settings(
                    kafka.bootstrapServers(),
                    endpoint.contactPoint(),
                    endpoint.datacenter(),
                    prefix,
                    EmbedStreams.tinyModel(),
                    releases,
                    Path.of("target", "e2e-logs", "two-releases"),
                    20250205L))
            .startAll();
    index = new IndexApi(services.url(ServiceSet.INDEX));
    cassandra =
        CqlSession.builder()
            .addContactPoint(endpoint.address())
            .withLocalDatacenter(endpoint.datacenter())
            .build();
    // records of other tests on the shared broker are older than this
    since = Instant.now().minusSeconds(1);
    ReleaseClient ingest = new ReleaseClient(services.url(ServiceSet.INGEST));

    JsonNode job1 =
        ingest.await(
            ingest.submit(releases.resolve(FlatFileFixture.RELEASE_1), RELEASE_1, true), FLOW);
    assertEquals("SUCCEEDED", job1.path("state").asText(), job1.toString());
    awaitAnnotated(first);

    JsonNode job2 =
        ingest.await(
            ingest.submit(releases.resolve(FlatFileFixture.RELEASE_2), RELEASE_2, true), FLOW);
    assertEquals("SUCCEEDED", job2.path("state").asText(), job2.toString());
    awaitAnnotated(live);
    await(
        "Q51858 deleted, Q51481 merged", () -> status("Q51858") == 410 && status("Q51481") == 301);
  }

  @AfterAll
  void stop() {
    if (cassandra != null) {
      cassandra.close();
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void everyLiveAccessionIsSearchableWithTheEncodersVectorAndTheHeadsAnnotations()
      throws Exception {
    Map<String, String> sequences = new LinkedHashMap<>();
    live.values().forEach(e -> sequences.put(EmbedStreams.digest(e.sequence()), e.sequence()));
    Map<String, EmbeddingResult> embedded = new HashMap<>();
    Map<String, Prediction> predicted = new HashMap<>();
    try (ProtT5Model model =
        ProtT5Model.open(EmbedStreams.tinyModel(), RuntimeOptions.cpu(), BatchLimits.DEFAULT)) {
      List<ProteinSequence> inputs =
          sequences.entrySet().stream()
              .map(e -> new ProteinSequence(e.getKey(), e.getValue()))
              .toList();
      List<EmbeddingResult> results = model.embed(inputs);
      // predict-service reads the residue matrix as embed-service sends it: in fp16
      List<EmbeddingResult> transported = new ArrayList<>();
      for (EmbeddingResult r : results) {
        embedded.put(r.id(), r);
        Embedding e = r.embedding();
        float[] half = Fp16Matrix.decodeFlat(Fp16Matrix.encode(e.residues()));
        transported.add(
            new EmbeddingResult(
                r.id(), new Embedding(half, new float[0], e.length(), e.dModel()), r.windowed()));
      }
      model.predictFromEmbeddings(transported).forEach(p -> predicted.put(p.id(), p));
    }

    for (FlatFileFixture.Entry entry : live.values()) {
      String digest = EmbedStreams.digest(entry.sequence());
      IndexApi.Answer card = index.protein(entry.accession());
      assertEquals(200, card.status(), entry.accession() + ": " + card.body());
      assertEquals(digest, card.body().path("digest").asText(), entry.accession());
      assertTrue(card.body().path("embedded").asBoolean(), entry.accession());
      Prediction expected = predicted.get(digest);
      JsonNode labels = card.body().path("predicted");
      assertLabels(expected.dssp3(), expected.dssp3Probabilities(), labels.path("dssp3").asText());
      assertLabels(expected.dssp8(), expected.dssp8Probabilities(), labels.path("dssp8").asText());
      assertLabels(
          expected.disorder(), expected.disorderProbabilities(), labels.path("disorder").asText());

      float[] vector = embedded.get(digest).embedding().protein();
      // searchable: the encoder's own vector finds the entry's sequence first, through the API
      List<Float> query = new ArrayList<>();
      for (float v : vector) {
        query.add(v);
      }
      IndexApi.Answer found = index.search(Map.of("vector", query, "k", 1));
      assertEquals(200, found.status(), String.valueOf(found.body()));
      JsonNode nearest = found.body().path("neighbours").path(0);
      assertEquals(digest, nearest.path("digest").asText(), entry.accession() + " by its vector");
      assertTrue(
          nearest.path("accessions").toString().contains("\"" + entry.accession() + "\""),
          nearest.toString());

      Row row =
          cassandra
              .execute(
                  "SELECT vector, dssp3_p, dssp8_p, disorder_p, localization_p, membrane_p FROM "
                      + services.indexKeyspace()
                      + ".sequences WHERE digest = ?",
                  digest)
              .one();
      assertNotNull(row, "index row of " + entry.accession());
      assertClose(vector, floats(row.getByteBuffer("vector")), entry.accession() + " vector");
      assertQuantized(expected.dssp3Probabilities(), row.getByteBuffer("dssp3_p"), "dssp3");
      assertQuantized(expected.dssp8Probabilities(), row.getByteBuffer("dssp8_p"), "dssp8");
      assertQuantized(
          expected.disorderProbabilities(), row.getByteBuffer("disorder_p"), "disorder");
      assertClose(
          expected.localizationProbabilities(),
          toArray(row.getList("localization_p", Float.class)),
          entry.accession() + " localization");
      assertClose(
          expected.membraneProbabilities(),
          toArray(row.getList("membrane_p", Float.class)),
          entry.accession() + " membrane");
    }
  }

  @Test
  void theDeletedAccessionAnswersGone() throws Exception {
    IndexApi.Answer gone = index.protein("Q51858");
    assertEquals(410, gone.status());
    assertEquals(RELEASE_2, gone.body().path("release").asText(), gone.body().toString());
  }

  @Test
  void theMergedAccessionRedirectsToTheEntryItJoined() throws Exception {
    IndexApi.Answer merged = index.protein("Q51481");
    assertEquals(301, merged.status());
    assertTrue(merged.location().endsWith("/api/proteins/Q8NE62"), merged.location());
    assertEquals("Q8NE62", merged.body().path("mergedInto").asText());
  }

  @Test
  void theAnnotationOnlyUpdatesWereNotEmbeddedAgain() {
    Map<String, Long> perDigest = embeddingsPerDigest();
    for (String accession : List.of("P56540", "Q8NE62")) {
      assertEquals(
          1L,
          perDigest.getOrDefault(EmbedStreams.digest(live.get(accession).sequence()), 0L),
          "embedding events of " + accession + "'s sequence over both releases");
    }
    Map<String, String> kinds = new HashMap<>();
    readSince(Topics.SEQUENCES).stream()
        .map(r -> new SequenceEventDeserializer().deserialize(r.topic(), r.value()))
        .filter(e -> e.getReleaseId().equals(RELEASE_2))
        .forEach(e -> kinds.put(e.getAccession(), e.getChangeKind().name()));
    assertEquals("ANNOTATION_ONLY", kinds.get("P56540"));
    // the changed sequence is embedded, once per version
    assertEquals(1L, perDigest.get(EmbedStreams.digest(first.get("P00750").sequence())));
    assertEquals(1L, perDigest.get(EmbedStreams.digest(live.get("P00750").sequence())));
  }

  @Test
  void theDuplicatedSequenceWasEmbeddedOnce() throws Exception {
    String digest = EmbedStreams.digest(live.get("A0A0B4J2F0").sequence());
    assertEquals(digest, EmbedStreams.digest(first.get("P00981").sequence()));
    assertEquals(1L, embeddingsPerDigest().get(digest), "embedding events of the shared sequence");
    assertEquals(digest, index.protein("A0A0B4J2F0").body().path("digest").asText());
    assertTrue(
        index.protein("P00981").body().path("sameSequence").toString().contains("A0A0B4J2F0"));
  }

  @Test
  void unreviewedEntriesHaveTransferredAnnotations() throws Exception {
    List<FlatFileFixture.Entry> unreviewed =
        live.values().stream().filter(e -> !e.reviewed()).toList();
    assertEquals(List.of("F2CXE6", "H2CNN8"), unreviewed.stream().map(e -> e.accession()).toList());
    Set<String> announced = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : readSince(Topics.TRANSFERRED_ANNOTATIONS)) {
      new TransferredAnnotationEventDeserializer()
          .deserialize(r.topic(), r.value())
          .getAccessions()
          .forEach(a -> announced.add(a.toString()));
    }
    for (FlatFileFixture.Entry entry : unreviewed) {
      assertTrue(announced.contains(entry.accession()), "transfer event for " + entry.accession());
      IndexApi.Answer answer = index.search(Map.of("accession", entry.accession(), "k", 5));
      assertEquals(200, answer.status(), String.valueOf(answer.body()));
      Set<String> sources = new HashSet<>();
      answer
          .body()
          .path("transferred")
          .forEach(
              kind -> kind.forEach(label -> sources.add(label.path("sourceAccession").asText())));
      assertFalse(sources.isEmpty(), entry.accession() + ": " + answer.body());
      for (String source : sources) {
        assertTrue(
            index.protein(source).body().path("reviewed").asBoolean(),
            entry.accession() + "'s labels come from a reviewed entry, not " + source);
      }
    }
  }

  @Test
  void everyPublicTopicsEventsDecodeWithTheSchemas() {
    Map<String, BiFunction<String, byte[], Object>> decoders = new LinkedHashMap<>();
    decoders.put(Topics.SEQUENCES, new SequenceEventDeserializer()::deserialize);
    decoders.put(Topics.PROTEIN_EMBEDDINGS, new ProteinEmbeddingEventDeserializer()::deserialize);
    decoders.put(Topics.RESIDUE_EMBEDDINGS, new ResidueEmbeddingEventDeserializer()::deserialize);
    decoders.put(Topics.ANNOTATIONS, new AnnotationEventDeserializer()::deserialize);
    decoders.put(
        Topics.TRANSFERRED_ANNOTATIONS, new TransferredAnnotationEventDeserializer()::deserialize);
    decoders.forEach(
        (topic, decoder) -> {
          List<ConsumerRecord<String, byte[]>> records = readSince(topic);
          assertFalse(records.isEmpty(), topic);
          for (ConsumerRecord<String, byte[]> r : records) {
            assertNotNull(decoder.apply(topic, r.value()), topic + " offset " + r.offset());
            if (!topic.equals(Topics.RESIDUE_EMBEDDINGS)) {
              assertNotNull(
                  r.headers().lastHeader(CloudEventHeaders.ID), topic + " event without ce_id");
            }
          }
        });
    for (String dlq :
        List.of(
            Topics.SEQUENCES_DLQ,
            Topics.PROTEIN_EMBEDDINGS_DLQ,
            Topics.RESIDUE_EMBEDDINGS_DLQ,
            Topics.ANNOTATIONS_DLQ,
            Topics.TRANSFERRED_ANNOTATIONS_DLQ)) {
      assertEquals(List.of(), keys(readSince(dlq)), dlq + ": nothing in the fixture is bad input");
    }
  }

  private Map<String, Long> embeddingsPerDigest() {
    return readSince(Topics.PROTEIN_EMBEDDINGS).stream()
        .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
  }

  private List<ConsumerRecord<String, byte[]>> readSince(String topic) {
    return TopicReader.readCommitted(bootstrapServers, topic).stream()
        .filter(r -> r.timestamp() >= since.toEpochMilli())
        .toList();
  }

  private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(ConsumerRecord::key).toList();
  }

  private int status(String accession) throws Exception {
    return index.protein(accession).status();
  }

  /** Waits until every entry's card shows the fixture's sequence, embedded and annotated. */
  private void awaitAnnotated(Map<String, FlatFileFixture.Entry> entries) throws Exception {
    await(
        "every entry annotated",
        () -> {
          for (FlatFileFixture.Entry e : entries.values()) {
            IndexApi.Answer card = index.protein(e.accession());
            if (card.status() != 200
                || !EmbedStreams.digest(e.sequence()).equals(card.body().path("digest").asText())
                || card.body().path("predicted").isNull()
                || card.body().path("predicted").isMissingNode()) {
              return false;
            }
          }
          return true;
        });
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private void await(String what, Check check) throws Exception {
    Instant deadline = Instant.now().plus(FLOW);
    while (!check.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(what + ": not after " + FLOW + "; logs in " + services.log(""));
      }
      Thread.sleep(200);
    }
  }

  /** Labels equal the reference's, except where its two best classes tie within 1e-4. */
  private static void assertLabels(String expected, float[][] probabilities, String actual) {
    assertEquals(expected.length(), actual.length());
    for (int i = 0; i < expected.length(); i++) {
      if (expected.charAt(i) != actual.charAt(i)) {
        float[] sorted = probabilities[i].clone();
        java.util.Arrays.sort(sorted);
        float gap = sorted[sorted.length - 1] - sorted[sorted.length - 2];
        assertTrue(gap < 1e-4f, "label " + i + ": " + expected.charAt(i) + " vs " + actual);
      }
    }
  }

  /** Within 1e-4 of the reference's largest magnitude, element by element. */
  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    float max = 0;
    for (float v : expected) {
      max = Math.max(max, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(
          Math.abs(expected[i] - actual[i]) <= 1e-4f * max,
          what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
    }
  }

  /** Stored bytes are the reference probabilities on the 1/255 scale (half a step, plus 1e-4). */
  private static void assertQuantized(float[][] expected, ByteBuffer stored, String what) {
    byte[] bytes = new byte[stored.remaining()];
    stored.duplicate().get(bytes);
    int classes = expected[0].length;
    float[][] actual = ProbabilityBytes.decode(bytes, expected.length, classes);
    for (int r = 0; r < expected.length; r++) {
      for (int c = 0; c < classes; c++) {
        assertTrue(
            Math.abs(expected[r][c] - actual[r][c]) <= ProbabilityBytes.SCALE / 2 + 1e-4f,
            what + " [" + r + "][" + c + "]: " + expected[r][c] + " vs " + actual[r][c]);
      }
    }
  }

  private static float[] floats(ByteBuffer bytes) {
    ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[le.remaining() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = le.getFloat();
    }
    return out;
  }

  private static float[] toArray(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
