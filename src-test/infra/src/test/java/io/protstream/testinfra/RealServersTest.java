package io.protstream.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealInfrastructure
class RealServersTest {

  @Test
  void kafkaRoundTripsARecordThroughTheBroker(KafkaEndpoint kafka) throws Exception {
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("infra.smoke", 1, (short) 1))).all().get();
    }
    try (var producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("infra.smoke", "P69905", "hello")).get();
    }
    Properties consumerConfig = new Properties();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-smoke");
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("infra.smoke"));
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      for (int i = 0; i < 60 && records.isEmpty(); i++) {
        records = consumer.poll(Duration.ofSeconds(1));
      }
      assertEquals(1, records.count());
      assertEquals("hello", records.iterator().next().value());
    }
  }

  @Test
  void cassandraAnswersCql(CassandraEndpoint cassandra) {
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(cassandra.address())
            .withLocalDatacenter(cassandra.datacenter())
            .build()) {
      String version =
          session.execute("SELECT release_version FROM system.local").one().getString(0);
      assertTrue(version.startsWith("5.0."), version);
    }
  }
}
