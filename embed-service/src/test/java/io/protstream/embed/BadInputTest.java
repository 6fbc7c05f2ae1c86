package io.protstream.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.embed.testing.EmbedTopics;
import io.protstream.embed.testing.TinyModelResource;
import io.protstream.events.ChangeKind;
import io.protstream.events.SequenceEvent;
import io.protstream.schemas.DeadLetter;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.SequenceEventSerializer;
import io.protstream.testinfra.KafkaProbe;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad record goes to {@code uniprot.sequences.v1.dlq}, once, intact, with its reason
 * and stage, in the same stream as good records, which are embedded.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TinyModelResource.class, restrictToAnnotatedClass = false)
class BadInputTest {

  /** How long no further record may arrive before a read ends (so that a duplicate shows). */
  private static final Duration QUIET = Duration.ofSeconds(1);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void badRecordsAreDeadLetteredWithTheirReasonWhileGoodOnesFlow() {
    KafkaProbe kafka = new KafkaProbe(bootstrapServers);
    Random random = new Random(21);
    String good1 = SequenceStreamTest.randomSequence(random, 50);
    String good2 = SequenceStreamTest.randomSequence(random, 52);
    String tooLong = SequenceStreamTest.randomSequence(random, TinyModelResource.MAX_RESIDUES + 1);
    byte[] junk = "not an avro event".getBytes(StandardCharsets.UTF_8);
    byte[] invalid = EmbedTopics.sequenceEvent("BAD2", ChangeKind.NEW, "MKT1AL", false);
    byte[] longOne = EmbedTopics.sequenceEvent("BAD3", ChangeKind.NEW, tooLong, false);
    byte[] noDigest =
        new SequenceEventSerializer()
            .serialize(
                "test",
                SequenceEvent.newBuilder()
                    .setAccession("BAD4")
                    .setReleaseId("test")
                    .setChangeKind(ChangeKind.NEW)
                    .setSequence(good1 + "W")
                    .setLength(good1.length() + 1)
                    .setEventTime(Instant.now())
                    .build());
    Map<String, byte[]> bad =
        Map.of("BAD1", junk, "BAD2", invalid, "BAD3", longOne, "BAD4", noDigest);

    kafka.send(
        Topics.SEQUENCES,
        "GOOD1",
        EmbedTopics.sequenceEvent("GOOD1", ChangeKind.NEW, good1, false));
    bad.forEach((key, value) -> kafka.send(Topics.SEQUENCES, key, value));
    kafka.send(
        Topics.SEQUENCES,
        "GOOD2",
        EmbedTopics.sequenceEvent("GOOD2", ChangeKind.NEW, good2, false));

    List<ConsumerRecord<String, byte[]>> dead =
        kafka.readCommitted(
            Topics.SEQUENCES_DLQ,
            r -> bad.containsKey(r.key()),
            bad.size(),
            QUIET,
            Duration.ofSeconds(90));
    Map<String, List<ConsumerRecord<String, byte[]>>> byKey =
        dead.stream().collect(Collectors.groupingBy(ConsumerRecord::key));
    assertEquals(bad.keySet(), byKey.keySet());
    Map<String, String[]> expected =
        Map.of(
            "BAD1", new String[] {"BAD_MAGIC", "embed.decode"},
            "BAD2", new String[] {"INVALID_CHARACTER", "embed.validate"},
            "BAD3", new String[] {"TOO_LONG", "embed.validate"},
            "BAD4", new String[] {"MISSING_DIGEST", "embed.validate"});
    for (var entry : byKey.entrySet()) {
      assertEquals(1, entry.getValue().size(), "dead letters for " + entry.getKey());
      ConsumerRecord<String, byte[]> record = entry.getValue().get(0);
      DeadLetter.Info info = DeadLetter.read(record.headers());
      String[] want = expected.get(entry.getKey());
      assertEquals(want[0], info.reason(), entry.getKey());
      assertEquals(want[1], info.stage(), entry.getKey());
      assertEquals(Topics.SEQUENCES, info.topic());
      assertTrue(info.offset() >= 0);
      assertArrayEquals(bad.get(entry.getKey()), record.value(), "original bytes");
    }

    Set<String> goodDigests = Set.of(EmbedTopics.digest(good1), EmbedTopics.digest(good2));
    List<ConsumerRecord<String, byte[]>> embedded =
        kafka.readCommitted(
            Topics.PROTEIN_EMBEDDINGS,
            r -> goodDigests.contains(r.key()),
            2,
            QUIET,
            Duration.ofSeconds(60));
    assertEquals(
        goodDigests, embedded.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
    assertEquals(2, embedded.size());
  }
}
