package io.protstream.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.predict.testing.CommittedKafka;
import io.protstream.predict.testing.Reference;
import io.protstream.predict.testing.TinyModel;
import io.protstream.predict.testing.TinyModelResource;
import io.protstream.schemas.DeadLetter;
import io.protstream.schemas.Fp16Matrix;
import io.protstream.schemas.ResidueParts;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.AnnotationEventDeserializer;
import io.protstream.schemas.serde.ResidueEmbeddingEventSerializer;
import io.protstream.testinfra.KafkaProbe;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Per-residue matrices of the reference cases through the running service on the real broker: whole
 * and multi-part matrices come out as annotations of the reference heads, once each; bad matrices
 * go to the dead-letter topic with their reason while the good ones flow.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TinyModelResource.class)
class PredictStreamTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration QUIET = Duration.ofSeconds(2);
  private static final int ROW_BYTES = 2 * 64;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private final ResidueEmbeddingEventSerializer serializer = new ResidueEmbeddingEventSerializer();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void wholeAndMultiPartMatricesBecomeTheReferenceAnnotationsOnceEach() {
    CommittedKafka kafka = new CommittedKafka(bootstrapServers);
    Map<String, TinyModel.Case> byDigest = new HashMap<>();
    List<ProducerRecord<String, byte[]>> singles = new ArrayList<>();
    for (TinyModel.Case c : TinyModel.cases()) {
      String digest = "whole-" + run + "-" + c.name();
      byDigest.put(digest, c);
      singles.add(record(event(digest, TinyModel.encoderId(), c.length(), 64, c.residues())));
    }
    kafka.sendInOneTransaction(singles);
    for (String name : List.of("long_random", "crosses_far_buckets")) {
      TinyModel.Case c = TinyModel.byName(name);
      String digest = "parts-" + run + "-" + name;
      byDigest.put(digest, c);
      List<ResidueEmbeddingEvent> parts =
          ResidueParts.split(
              event(digest, TinyModel.encoderId(), c.length(), 64, c.residues()), 40 * ROW_BYTES);
      assertTrue(parts.size() >= 4, name + " in " + parts.size() + " parts");
      kafka.sendInOneTransaction(parts.stream().map(this::record).toList());
    }

    Map<String, List<ConsumerRecord<String, byte[]>>> annotations =
        kafka.readCommitted(Topics.ANNOTATIONS, byDigest.keySet(), QUIET, TIMEOUT);

    assertEquals(byDigest.keySet(), annotations.keySet());
    Map<String, AnnotationEvent> decoded = new HashMap<>();
    for (var e : annotations.entrySet()) {
      assertEquals(1, e.getValue().size(), e.getKey() + " annotated more than once");
      AnnotationEvent a =
          new AnnotationEventDeserializer()
              .deserialize(Topics.ANNOTATIONS, e.getValue().get(0).value());
      assertEquals(e.getKey(), a.getSequenceDigest().toString());
      assertEquals(TinyModel.encoderId(), a.getEncoderModelId().toString());
      ConsumerRecord<String, byte[]> r = e.getValue().get(0);
      assertEquals("io.protstream.protein.annotation.v1", KafkaProbe.header(r, "ce_type"));
      assertEquals(e.getKey(), KafkaProbe.header(r, "ce_subject"));
      assertTrue(
          KafkaProbe.header(r, "ce_id").startsWith(e.getKey() + "/" + TinyModel.encoderId() + "/"),
          KafkaProbe.header(r, "ce_id"));
      Reference.assertMatches(byDigest.get(e.getKey()), a);
      decoded.put(e.getKey(), a);
    }
    // a matrix in parts is annotated as the same matrix in one record
    for (String name : List.of("long_random", "crosses_far_buckets")) {
      AnnotationEvent whole = decoded.get("whole-" + run + "-" + name);
      AnnotationEvent parts = decoded.get("parts-" + run + "-" + name);
      assertEquals(whole.getDssp3().toString(), parts.getDssp3().toString());
      assertEquals(whole.getDssp8().toString(), parts.getDssp8().toString());
      assertEquals(whole.getDisorder().toString(), parts.getDisorder().toString());
      assertWithinOneStep(whole.getDssp8Probabilities(), parts.getDssp8Probabilities());
      assertEquals(whole.getLocalization().toString(), parts.getLocalization().toString());
    }
  }

  @Test
  void badMatricesAreDeadLetteredWithTheirReasonWhileGoodOnesFlow() {
    CommittedKafka kafka = new CommittedKafka(bootstrapServers);
    TinyModel.Case c = TinyModel.byName("short_random");
    String good = "good-" + run;
    String junk = "junk-" + run;
    String wrongModel = "wrong-model-" + run;
    String wrongShape = "wrong-shape-" + run;
    String orphan = "orphan-" + run;
    byte[] junkBytes = "\u00c3\u0001truncated".getBytes(StandardCharsets.ISO_8859_1);
    ResidueEmbeddingEvent orphanPart =
        ResidueParts.split(
                event(orphan, TinyModel.encoderId(), c.length(), 64, c.residues()), 10 * ROW_BYTES)
            .get(1);
    kafka.sendInOneTransaction(
        List.of(
            new ProducerRecord<>(Topics.RESIDUE_EMBEDDINGS, junk, junkBytes),
            record(event(wrongModel, "prott5-000000000000", c.length(), 64, c.residues())),
            // the bytes are whole rows of 32 columns, but the heads read 64
            record(event(wrongShape, TinyModel.encoderId(), 2 * c.length(), 32, c.residues())),
            record(orphanPart),
            record(event(good, TinyModel.encoderId(), c.length(), 64, c.residues()))));

    Map<String, List<ConsumerRecord<String, byte[]>>> dead =
        kafka.readCommitted(
            Topics.RESIDUE_EMBEDDINGS_DLQ,
            Set.of(junk, wrongModel, wrongShape, orphan),
            QUIET,
            TIMEOUT);
    Map<String, List<ConsumerRecord<String, byte[]>>> annotated =
        kafka.readCommitted(Topics.ANNOTATIONS, Set.of(good), QUIET, TIMEOUT);

    assertDead(dead, junk, "predict.decode", "UNKNOWN_FINGERPRINT");
    assertArrayEquals(junkBytes, dead.get(junk).get(0).value());
    assertDead(dead, wrongModel, "predict.model-id", "the heads read " + TinyModel.encoderId());
    assertDead(dead, wrongShape, "predict.shape", "dimension 32");
    assertDead(dead, orphan, "predict.assemble", "without its earlier parts");
    assertEquals(1, annotated.getOrDefault(good, List.of()).size());
    Reference.assertMatches(
        c,
        new AnnotationEventDeserializer()
            .deserialize(Topics.ANNOTATIONS, annotated.get(good).get(0).value()));
  }

  private static void assertDead(
      Map<String, List<ConsumerRecord<String, byte[]>>> dead,
      String key,
      String stage,
      String inReason) {
    List<ConsumerRecord<String, byte[]>> records = dead.getOrDefault(key, List.of());
    assertEquals(1, records.size(), key + " dead letters");
    ConsumerRecord<String, byte[]> r = records.get(0);
    assertEquals(stage, KafkaProbe.header(r, DeadLetter.STAGE), key);
    String reason = KafkaProbe.header(r, DeadLetter.REASON);
    assertTrue(reason != null && reason.contains(inReason), key + ": " + reason);
    assertEquals(Topics.RESIDUE_EMBEDDINGS, KafkaProbe.header(r, DeadLetter.TOPIC));
  }

  private static void assertWithinOneStep(ByteBuffer expected, ByteBuffer actual) {
    assertEquals(expected.remaining(), actual.remaining());
    for (int i = 0; i < expected.remaining(); i++) {
      int a = expected.get(expected.position() + i) & 0xFF;
      int b = actual.get(actual.position() + i) & 0xFF;
      assertTrue(Math.abs(a - b) <= 1, "byte " + i + ": " + a + " vs " + b);
    }
  }

  private ProducerRecord<String, byte[]> record(ResidueEmbeddingEvent e) {
    return new ProducerRecord<>(
        Topics.RESIDUE_EMBEDDINGS,
        e.getSequenceDigest().toString(),
        serializer.serialize(Topics.RESIDUE_EMBEDDINGS, e));
  }

  private static ResidueEmbeddingEvent event(
      String digest, String modelId, int length, int dimension, float[] residues) {
    return ResidueEmbeddingEvent.newBuilder()
        .setSequenceDigest(digest)
        .setModelId(modelId)
        .setLength(length)
        .setDimension(dimension)
        .setResidues(ByteBuffer.wrap(Fp16Matrix.encode(residues)))
        .setCreatedAt(Instant.parse("2025-02-05T00:00:00Z"))
        .build();
  }
}
