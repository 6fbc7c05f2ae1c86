package io.protstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.protstream.events.ChangeKind;
import io.protstream.events.SequenceEvent;
import io.protstream.ingest.messaging.SequenceEventPublisher;
import io.protstream.schemas.CloudEventHeaders;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.SequenceEventDeserializer;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An event published by the service is on the real topic, keyed by accession, and decodes to the
 * same event.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class SequenceEventPublisherTest {

  @Inject SequenceEventPublisher publisher;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void publishedEventReachesTheTopicKeyedByAccession() throws Exception {
    SequenceEvent event =
        SequenceEvent.newBuilder()
            .setAccession("P69905")
            .setReleaseId("2025_01")
            .setChangeKind(ChangeKind.NEW)
            .setSequence(
                "MVLSPADKTNVKAAWGKVGAHAGEYGAEALERMFLSFPTTKTYFPHFDLSHGSAQVKGHGKKVADALTNAVAHV")
            .setLength(74)
            .setSequenceDigest("0".repeat(64))
            .setEventTime(Instant.parse("2025-02-05T00:00:00Z"))
            .build();

    publisher.publish(event).toCompletableFuture().get(60, TimeUnit.SECONDS);

    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "publisher-test");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new SequenceEventDeserializer())) {
      consumer.subscribe(List.of(Topics.SEQUENCES));
      ConsumerRecord<String, SequenceEvent> record = null;
      for (int i = 0; i < 60 && record == null; i++) {
        for (ConsumerRecord<String, SequenceEvent> r : consumer.poll(Duration.ofSeconds(1))) {
          if ("P69905".equals(r.key())) {
            record = r;
          }
        }
      }
      assertEquals(event, record.value());
      // CloudEvents binary-mode headers, the id stable for the same fact
      assertEquals(
          "2025_01/P69905/NEW", CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID));
      assertEquals(
          "io.protstream.uniprot.sequence.v1",
          CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE));
      assertEquals(
          "/protstream/ingest-service",
          CloudEventHeaders.get(record.headers(), CloudEventHeaders.SOURCE));
      assertEquals("P69905", CloudEventHeaders.get(record.headers(), CloudEventHeaders.SUBJECT));
      assertEquals(
          "2025-02-05T00:00:00Z", CloudEventHeaders.get(record.headers(), CloudEventHeaders.TIME));
    }
  }
}
