package io.protstream.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.embed.testing.EmbedTopics;
import io.protstream.embed.testing.ReferenceCases;
import io.protstream.embed.testing.TinyModel;
import io.protstream.embed.testing.TinyModelResource;
import io.protstream.events.ChangeKind;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.schemas.CloudEventHeaders;
import io.protstream.schemas.Fp16Matrix;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.ProteinEmbeddingEventDeserializer;
import io.protstream.schemas.serde.ResidueEmbeddingEventDeserializer;
import io.protstream.testinfra.KafkaProbe;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Sequence events through the running service on the real broker: every embeddable sequence comes
 * out, committed, as exactly one per-protein event and one complete residue matrix whose numbers
 * are the reference fixture's and the model's own when run directly.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TinyModelResource.class, restrictToAnnotatedClass = false)
class SequenceStreamTest {

  /** How long no further record may arrive before a read ends (so that a duplicate shows). */
  private static final Duration QUIET = Duration.ofSeconds(1);

  private static final double TOLERANCE = 1e-4;

  /** fp16 has an 11-bit significand: relative rounding error at most 2^-11. */
  private static final double FP16_TOLERANCE = 1.0 / 2048;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void everyEmbeddableSequenceBecomesOneProteinEventAndOneCompleteMatrix() {
    List<ReferenceCases.Case> cases = ReferenceCases.all();
    Map<String, ReferenceCases.Case> byDigest = new HashMap<>();
    for (ReferenceCases.Case c : cases) {
      byDigest.put(EmbedTopics.digest(c.sequence()), c);
    }
    // each fixture sequence once as NEW; the first also under a second accession, right after it
    // in the same partition, so that both are in one consumed batch (embedded once)
    String alreadyEmbedded = randomSequence(new Random(11), 33);
    String annotationOnly = randomSequence(new Random(12), 34);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      int n = 0;
      for (ReferenceCases.Case c : cases) {
        producer.send(
            new ProducerRecord<>(
                Topics.SEQUENCES,
                "REF" + n,
                EmbedTopics.sequenceEvent("REF" + n, ChangeKind.NEW, c.sequence(), false)));
        if (n == 0) {
          producer.send(
              new ProducerRecord<>(
                  Topics.SEQUENCES,
                  "REF0",
                  EmbedTopics.sequenceEvent(
                      "REFDUP", ChangeKind.SEQUENCE_CHANGED, c.sequence(), false)));
        }
        n++;
      }
      // decisions that must produce nothing
      producer.send(
          new ProducerRecord<>(
              Topics.SEQUENCES,
              "SKIP1",
              EmbedTopics.sequenceEvent("SKIP1", ChangeKind.NEW, alreadyEmbedded, true)));
      producer.send(
          new ProducerRecord<>(
              Topics.SEQUENCES,
              "SKIP2",
              EmbedTopics.sequenceEvent(
                  "SKIP2", ChangeKind.ANNOTATION_ONLY, annotationOnly, false)));
      producer.flush();
    }
    Set<String> skipped =
        Set.of(EmbedTopics.digest(alreadyEmbedded), EmbedTopics.digest(annotationOnly));

    Map<String, EmbeddingResult> direct = embedDirectly(cases);

    List<ConsumerRecord<String, byte[]>> proteinRecords =
        new KafkaProbe(bootstrapServers)
            .readCommitted(
                Topics.PROTEIN_EMBEDDINGS,
                r -> byDigest.containsKey(r.key()) || skipped.contains(r.key()),
                cases.size(),
                QUIET,
                Duration.ofSeconds(90));
    Map<String, List<ProteinEmbeddingEvent>> proteins =
        proteinRecords.stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::key,
                    Collectors.mapping(
                        r ->
                            new ProteinEmbeddingEventDeserializer()
                                .deserialize(r.topic(), r.value()),
                        Collectors.toList())));
    assertEquals(byDigest.keySet(), proteins.keySet(), "one key per embeddable sequence");
    for (ConsumerRecord<String, byte[]> r : proteinRecords) {
      assertEquals(
          CloudEventHeaders.PROTEIN_EMBEDDING_TYPE, CloudEventHeaders.get(r.headers(), "ce_type"));
      assertEquals(r.key(), CloudEventHeaders.get(r.headers(), "ce_subject"));
    }
    for (var entry : proteins.entrySet()) {
      assertEquals(1, entry.getValue().size(), "events for " + entry.getKey());
      ProteinEmbeddingEvent event = entry.getValue().get(0);
      ReferenceCases.Case c = byDigest.get(entry.getKey());
      float[] vector = toArray(event.getVector());
      assertEquals(64, event.getDimension());
      assertEquals(c.sequence().length(), event.getLength());
      assertTrue(event.getModelId().startsWith("prott5-"), event.getModelId());
      double error = ReferenceCases.relativeError(c.protein(), vector);
      assertTrue(error <= TOLERANCE, c.name() + ": " + error + " from the reference");
      assertArrayEquals(
          direct.get(entry.getKey()).embedding().protein(), vector, c.name() + " vs direct");
    }
    assertEquals(
        List.of("REF0", "REFDUP"),
        proteins.get(EmbedTopics.digest(cases.get(0).sequence())).get(0).getAccessions());

    List<ConsumerRecord<String, byte[]>> residueRecords =
        new KafkaProbe(bootstrapServers)
            .readCommitted(
                Topics.RESIDUE_EMBEDDINGS,
                r -> byDigest.containsKey(r.key()) || skipped.contains(r.key()),
                expectedParts(cases),
                QUIET,
                Duration.ofSeconds(30));
    Map<String, List<ConsumerRecord<String, byte[]>>> partsByDigest =
        residueRecords.stream().collect(Collectors.groupingBy(ConsumerRecord::key));
    assertEquals(byDigest.keySet(), partsByDigest.keySet());
    for (var entry : partsByDigest.entrySet()) {
      ReferenceCases.Case c = byDigest.get(entry.getKey());
      assertEquals(
          1,
          entry.getValue().stream().map(ConsumerRecord::partition).distinct().count(),
          "all parts in one partition");
      byte[] whole = reassemble(entry.getValue(), c.sequence().length());
      byte[] directFp16 = Fp16Matrix.encode(direct.get(entry.getKey()).embedding().residues());
      assertArrayEquals(directFp16, whole, c.name() + ": fp16 of the direct run");
      double error = ReferenceCases.relativeError(c.residues(), Fp16Matrix.decodeFlat(whole));
      assertTrue(
          error <= TOLERANCE + FP16_TOLERANCE, c.name() + ": " + error + " from the reference");
    }
  }

  /** Parts of one matrix: in order, consecutive rows, each at most the configured size. */
  private static byte[] reassemble(List<ConsumerRecord<String, byte[]>> records, int length) {
    List<ResidueEmbeddingEvent> parts = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      parts.add(new ResidueEmbeddingEventDeserializer().deserialize(r.topic(), r.value()));
    }
    int rowsPerPart = TinyModelResource.PART_BYTES / (2 * 64);
    int expectedCount = (length + rowsPerPart - 1) / rowsPerPart;
    assertEquals(expectedCount, parts.size(), "parts of a " + length + "-residue matrix");
    parts.sort(Comparator.comparingInt(ResidueEmbeddingEvent::getPart));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (int p = 0; p < parts.size(); p++) {
      ResidueEmbeddingEvent part = parts.get(p);
      assertEquals(p, part.getPart());
      assertEquals(expectedCount, part.getPartCount());
      assertEquals(p * rowsPerPart, part.getFirstRow());
      assertEquals(length, part.getLength());
      assertFalse(part.getWindowed());
      ByteBuffer bytes = part.getResidues();
      assertTrue(bytes.remaining() <= TinyModelResource.PART_BYTES);
      byte[] chunk = new byte[bytes.remaining()];
      bytes.duplicate().get(chunk);
      whole.writeBytes(chunk);
    }
    return whole.toByteArray();
  }

  private static int expectedParts(List<ReferenceCases.Case> cases) {
    int rowsPerPart = TinyModelResource.PART_BYTES / (2 * 64);
    return cases.stream()
        .mapToInt(c -> (c.sequence().length() + rowsPerPart - 1) / rowsPerPart)
        .sum();
  }

  private static Map<String, EmbeddingResult> embedDirectly(List<ReferenceCases.Case> cases) {
    Map<String, EmbeddingResult> out = new HashMap<>();
    try (ProtT5Model model =
        ProtT5Model.open(TinyModel.folder(), RuntimeOptions.cpu(), BatchLimits.DEFAULT)) {
      for (ReferenceCases.Case c : cases) {
        out.put(
            EmbedTopics.digest(c.sequence()),
            model.embed(List.of(new ProteinSequence(c.name(), c.sequence()))).get(0));
      }
    }
    return out;
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            50),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  static String randomSequence(Random random, int length) {
    String residues = "ACDEFGHIKLMNPQRSTVWY";
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(residues.charAt(random.nextInt(residues.length())));
    }
    return s.toString();
  }

  private static float[] toArray(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
