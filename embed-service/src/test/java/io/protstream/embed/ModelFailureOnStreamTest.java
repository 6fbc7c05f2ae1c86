package io.protstream.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.embed.testing.EmbedTopics;
import io.protstream.embed.testing.FailingEncoderOpener;
import io.protstream.embed.testing.Readiness;
import io.protstream.embed.testing.ReferenceCases;
import io.protstream.embed.testing.TinyModel;
import io.protstream.embed.testing.TinyModelResource;
import io.protstream.events.ChangeKind;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.schemas.DeadLetter;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.ProteinEmbeddingEventDeserializer;
import io.protstream.testinfra.KafkaProbe;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The encoder fails on one sequence of a consumed batch, on the live stream and the real broker:
 * that record alone goes to {@code uniprot.sequences.v1.dlq} with reason {@code MODEL_FAILURE} and
 * stage {@code embed.model}; the other sequences of the batch are published with the model's own
 * numbers, and the batch's offsets are committed (the stream does not stop or retry forever).
 */
@QuarkusTest
@TestProfile(ModelFailureOnStreamTest.FailingEncoder.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TinyModelResource.class, restrictToAnnotatedClass = false)
class ModelFailureOnStreamTest {

  /** The real tiny model, but the encoder fails on every batch holding the poison sequence. */
  public static final class FailingEncoder implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(FailingEncoderOpener.class);
    }

    // gather long enough that the four records, sent together, are one consumed batch
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("protstream.embed.stream.max-batch-wait", "1s");
    }
  }

  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final double TOLERANCE = 1e-4;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void theFailingSequenceIsDeadLetteredAndTheRestOfItsBatchIsPublished() throws Exception {
    Readiness.await();
    KafkaProbe kafka = new KafkaProbe(bootstrapServers);
    // lengths within the encoder's 1.25 longest/shortest ratio: one encoder batch for all four
    Random random = new Random(77);
    Map<String, String> good = new LinkedHashMap<>();
    good.put("MF1", SequenceStreamTest.randomSequence(random, 42));
    good.put("MF2", SequenceStreamTest.randomSequence(random, 46));
    good.put("MF3", SequenceStreamTest.randomSequence(random, 40));
    byte[] poison =
        EmbedTopics.sequenceEvent("MFBAD", ChangeKind.NEW, FailingEncoderOpener.POISON, false);
    List<Map.Entry<String, byte[]>> records = new ArrayList<>();
    records.add(Map.entry("MF1", event("MF1", good.get("MF1"))));
    records.add(Map.entry("MFBAD", poison));
    records.add(Map.entry("MF2", event("MF2", good.get("MF2"))));
    records.add(Map.entry("MF3", event("MF3", good.get("MF3"))));
    kafka.sendAll(Topics.SEQUENCES, records);
    Map<Integer, Long> ends = kafka.endOffsets(Topics.SEQUENCES);

    List<ConsumerRecord<String, byte[]>> dead =
        kafka.readCommitted(
            Topics.SEQUENCES_DLQ,
            r -> r.key() != null && r.key().startsWith("MF"),
            1,
            QUIET,
            Duration.ofSeconds(60));
    assertEquals(1, dead.size(), "dead letters of this test");
    ConsumerRecord<String, byte[]> letter = dead.get(0);
    assertEquals("MFBAD", letter.key());
    assertArrayEquals(poison, letter.value(), "original bytes");
    DeadLetter.Info info = DeadLetter.read(letter.headers());
    assertEquals("MODEL_FAILURE", info.reason());
    assertEquals("embed.model", info.stage());
    assertEquals(Topics.SEQUENCES, info.topic());
    assertTrue(
        info.exception() != null && info.exception().contains(FailingEncoderOpener.FAILURE),
        String.valueOf(info.exception()));

    Map<String, String> digests = new LinkedHashMap<>();
    good.forEach((accession, sequence) -> digests.put(EmbedTopics.digest(sequence), accession));
    String poisonDigest = EmbedTopics.digest(FailingEncoderOpener.POISON);
    List<ConsumerRecord<String, byte[]>> embedded =
        kafka.readCommitted(
            Topics.PROTEIN_EMBEDDINGS,
            r -> digests.containsKey(r.key()) || poisonDigest.equals(r.key()),
            good.size(),
            QUIET,
            Duration.ofSeconds(60));
    assertEquals(
        digests.keySet(),
        embedded.stream().map(ConsumerRecord::key).collect(Collectors.toSet()),
        "every good sequence of the batch, and not the failing one");
    assertEquals(good.size(), embedded.size(), "once each");
    Map<String, float[]> direct = embedDirectly(good);
    for (ConsumerRecord<String, byte[]> r : embedded) {
      ProteinEmbeddingEvent event =
          new ProteinEmbeddingEventDeserializer().deserialize(r.topic(), r.value());
      float[] vector = new float[event.getVector().size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = event.getVector().get(i);
      }
      double error = ReferenceCases.relativeError(direct.get(digests.get(r.key())), vector);
      assertTrue(error <= TOLERANCE, digests.get(r.key()) + ": " + error + " from a direct run");
    }

    // the failure was met in a batch with the good sequences and narrowed down to the one
    assertTrue(
        FailingEncoderOpener.FAILED_BATCHES.stream().anyMatch(b -> b.size() == records.size()),
        "the four sequences failed together first: " + FailingEncoderOpener.FAILED_BATCHES);
    assertTrue(
        FailingEncoderOpener.FAILED_BATCHES.contains(List.of(FailingEncoderOpener.POISON)),
        "then the failing sequence alone: " + FailingEncoderOpener.FAILED_BATCHES);

    // the outputs and the consumed offsets commit in one transaction: the group is past the batch
    Map<Integer, Long> committed = kafka.committedOffsets("embed-service", Topics.SEQUENCES);
    ends.forEach(
        (partition, end) ->
            assertEquals(
                end,
                committed.getOrDefault(partition, 0L),
                "committed offset of partition " + partition));
  }

  private static byte[] event(String accession, String sequence) {
    return EmbedTopics.sequenceEvent(accession, ChangeKind.NEW, sequence, false);
  }

  /** Per accession, the per-protein vector of the sequence embedded alone by the model itself. */
  private static Map<String, float[]> embedDirectly(Map<String, String> sequences) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (ProtT5Model model =
        ProtT5Model.open(TinyModel.folder(), RuntimeOptions.cpu(), BatchLimits.DEFAULT)) {
      sequences.forEach(
          (accession, sequence) ->
              out.put(
                  accession,
                  model
                      .embed(List.of(new ProteinSequence(accession, sequence)))
                      .get(0)
                      .embedding()
                      .protein()));
    }
    return out;
  }
}
