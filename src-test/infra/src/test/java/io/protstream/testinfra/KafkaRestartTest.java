package io.protstream.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * A broker restarted in place comes back on the same address with its data: what was written before
 * the restart is read after it (what a chaos test of the pipeline relies on).
 */
class KafkaRestartTest {

  @Test
  void aRestartedBrokerKeepsItsAddressAndItsRecords() throws Exception {
    KafkaServer broker = KafkaServer.start(SharedInfrastructure.freshStateDir("kafka"), 0, false);
    KafkaServer restarted = null;
    try {
      String address = broker.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", address))) {
        admin.createTopics(List.of(new NewTopic("infra.restart", 1, (short) 1))).all().get();
      }
      new KafkaProbe(address)
          .send("infra.restart", "P69905", "before".getBytes(StandardCharsets.UTF_8));

      restarted = broker.restart();

      assertEquals(address, restarted.bootstrapServers());
      assertEquals(broker.stateDir(), restarted.stateDir());
      assertNotEquals(broker.pid(), restarted.pid());
      var kept =
          new KafkaProbe(address)
              .await("infra.restart", r -> "P69905".equals(r.key()), Duration.ofSeconds(60));
      assertTrue(kept.isPresent(), "the record written before the restart");
      assertEquals("before", new String(kept.get().value(), StandardCharsets.UTF_8));
    } finally {
      broker.close();
      if (restarted != null) {
        restarted.close();
      }
    }
  }
}
