package io.protstream.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed on a topic right now: a read_committed consumer on every partition, from the
 * beginning up to the end offsets taken when it starts (the last stable offsets), so the read ends
 * without waiting for a quiet period.
 */
final class TopicReader {

  private TopicReader() {}

  static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrapServers, String topic) {
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    forEachCommitted(bootstrapServers, topic, all::add);
    return all;
  }

  /** Hands every committed record to {@code sink}, holding none (for topics of large records). */
  static void forEachCommitted(
      String bootstrapServers, String topic, Consumer<ConsumerRecord<String, byte[]>> sink) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        return;
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Instant deadline = Instant.now().plusSeconds(120);
      while (!reached(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("cannot read " + topic + " to its end " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(sink);
      }
    }
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), Duration.ofSeconds(30)) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
