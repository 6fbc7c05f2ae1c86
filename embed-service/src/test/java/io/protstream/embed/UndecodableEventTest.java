package io.protstream.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.schemas.DeadLetter;
import io.protstream.schemas.Topics;
import io.protstream.testinfra.KafkaProbe;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are no sequence event go to the dead-letter topic, intact and with the reason, on the
 * real broker.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class UndecodableEventTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void undecodableRecordIsDeadLetteredWithItsReason() {
    KafkaProbe kafka = new KafkaProbe(bootstrapServers);
    byte[] junk = "not an avro event".getBytes(StandardCharsets.UTF_8);

    kafka.send(Topics.SEQUENCES, "Q00000", junk);

    var dead =
        kafka
            .await(Topics.SEQUENCES_DLQ, r -> "Q00000".equals(r.key()), Duration.ofSeconds(60))
            .orElseThrow(() -> new AssertionError("nothing on " + Topics.SEQUENCES_DLQ));
    assertArrayEquals(junk, dead.value());
    assertTrue(
        KafkaProbe.header(dead, DeadLetter.REASON).contains("BAD_MAGIC"),
        KafkaProbe.header(dead, DeadLetter.REASON));
    assertEquals(Topics.SEQUENCES, KafkaProbe.header(dead, DeadLetter.TOPIC));
  }
}
