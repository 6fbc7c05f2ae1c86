package io.protstream.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.schemas.DeadLetter;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.ResidueEmbeddingEventDeserializer;
import io.protstream.schemas.serde.ResidueEmbeddingEventSerializer;
import io.protstream.testinfra.KafkaProbe;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Undecodable and malformed per-residue events reach the dead-letter topic with their reason, on
 * the real broker.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DeadLetterTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void undecodableRecordIsDeadLetteredIntact() {
    KafkaProbe kafka = new KafkaProbe(bootstrapServers);
    byte[] junk = "\u00c3\u0001truncated".getBytes(StandardCharsets.ISO_8859_1);

    kafka.send(Topics.RESIDUE_EMBEDDINGS, "junk-digest", junk);

    var dead = awaitDeadLetter(kafka, "junk-digest");
    assertArrayEquals(junk, dead.value());
    assertEquals(Topics.RESIDUE_EMBEDDINGS, KafkaProbe.header(dead, DeadLetter.TOPIC));
  }

  @Test
  void matrixOfTheWrongShapeIsDeadLetteredWithTheReason() {
    KafkaProbe kafka = new KafkaProbe(bootstrapServers);
    ResidueEmbeddingEvent event =
        ResidueEmbeddingEvent.newBuilder()
            .setSequenceDigest("f".repeat(64))
            .setModelId("prott5-test")
            .setLength(10)
            .setDimension(64)
            .setResidues(ByteBuffer.wrap(new byte[7]))
            .setCreatedAt(Instant.parse("2025-02-05T00:00:00Z"))
            .build();
    byte[] bytes =
        new ResidueEmbeddingEventSerializer().serialize(Topics.RESIDUE_EMBEDDINGS, event);

    kafka.send(Topics.RESIDUE_EMBEDDINGS, "wrong-shape", bytes);

    var dead = awaitDeadLetter(kafka, "wrong-shape");
    String reason = KafkaProbe.header(dead, DeadLetter.REASON);
    assertTrue(reason.contains("needs 1280 bytes"), reason);
    assertEquals(
        event,
        new ResidueEmbeddingEventDeserializer()
            .deserialize(Topics.RESIDUE_EMBEDDINGS_DLQ, dead.value()));
  }

  private static org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> awaitDeadLetter(
      KafkaProbe kafka, String key) {
    return kafka
        .await(Topics.RESIDUE_EMBEDDINGS_DLQ, r -> key.equals(r.key()), Duration.ofSeconds(60))
        .orElseThrow(
            () ->
                new AssertionError("nothing for " + key + " on " + Topics.RESIDUE_EMBEDDINGS_DLQ));
  }
}
