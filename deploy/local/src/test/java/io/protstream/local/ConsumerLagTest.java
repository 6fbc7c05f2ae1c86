package io.protstream.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.testinfra.KafkaEndpoint;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Consumer lag as status.sh shows it, on a real broker: a group that committed after the first of
 * three transactional records is three behind (two records and the commit marker); a group that
 * read everything is only the marker behind, which counts as drained.
 */
@RealInfrastructure
class ConsumerLagTest {

  private static final String TOPIC = "lag-test.v1";

  @Test
  void lagCountsWhatTheGroupHasNotCommittedAndToleratesTheCommitMarker(KafkaEndpoint kafka)
      throws Exception {
    String servers = kafka.bootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
    Properties producerConfig = new Properties();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-test");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (String key : List.of("a", "b", "c")) {
        producer.send(new ProducerRecord<>(TOPIC, key, key));
      }
      producer.commitTransaction();
    }
    // records at offsets 0, 1, 2 and the commit marker at 3: the last stable offset is 4
    commit(servers, "behind", 1);
    commit(servers, "done", 3);

    List<ConsumerLag> lags =
        ConsumerLag.of(servers).stream().filter(l -> l.topic().equals(TOPIC)).toList();

    ConsumerLag behind = lags.stream().filter(l -> l.group().equals("behind")).findFirst().get();
    ConsumerLag done = lags.stream().filter(l -> l.group().equals("done")).findFirst().get();
    assertEquals(1, behind.partitions());
    assertEquals(1, behind.committed());
    assertEquals(4, behind.end());
    assertEquals(3, behind.lag());
    assertFalse(behind.drained());
    assertEquals(1, done.lag());
    assertTrue(done.drained());
  }

  private static void commit(String servers, String group, long offset) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)), Duration.ofSeconds(10));
    }
  }
}
