package io.protstream.predict.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records in Kafka transactions and reads what was committed, as the services do. */
public final class CommittedKafka {

  private final String bootstrapServers;

  public CommittedKafka(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Sends the records in one transaction (as a writer of multi-part matrices must). */
  public void sendInOneTransaction(List<ProducerRecord<String, byte[]>> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      records.forEach(producer::send);
      producer.commitTransaction();
    }
  }

  /**
   * Reads {@code topic} from the beginning, {@code read_committed}, until every key in {@code keys}
   * was seen and no record arrived for {@code quiet}, or {@code timeout} passed; returns the
   * records of those keys by key (so a key seen twice has two records).
   */
  public Map<String, List<ConsumerRecord<String, byte[]>>> readCommitted(
      String topic, Set<String> keys, Duration quiet, Duration timeout) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    Map<String, List<ConsumerRecord<String, byte[]>>> seen = new HashMap<>();
    try (var consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(timeout);
      Instant last = Instant.now();
      while (Instant.now().isBefore(deadline)) {
        var polled = consumer.poll(Duration.ofMillis(250));
        for (ConsumerRecord<String, byte[]> r : polled) {
          if (keys.contains(r.key())) {
            seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
            last = Instant.now();
          }
        }
        if (seen.keySet().containsAll(keys) && Instant.now().isAfter(last.plus(quiet))) {
          break;
        }
      }
    }
    return seen;
  }
}
