package io.protstream.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.protstream.testinfra.KafkaEndpoint;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The consume-transform-produce loop on the real broker. */
@RealInfrastructure
class TransactionalLoopTest {

  private final String bootstrapServers;

  TransactionalLoopTest(KafkaEndpoint kafka) {
    this.bootstrapServers = kafka.bootstrapServers();
  }

  @Test
  void failedBatchesAreRetriedAndEveryInputIsPublishedOnce() throws Exception {
    String in = topic("in", 3);
    String out = topic("out", 3);
    Set<String> keys = produce(in, 60);
    AtomicInteger calls = new AtomicInteger();
    BatchProcessor failingSometimes =
        batch -> {
          int call = calls.incrementAndGet();
          if (call == 1 || call == 3) {
            throw new IllegalStateException("transient failure " + call);
          }
          return BatchResult.of(echo(batch, out));
        };
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (TransactionalLoop loop =
        new TransactionalLoop(
            settings(in).maxPollRecords(5).maxBatchRecords(10).build(), failingSometimes, meters)) {
      loop.start();
      List<ConsumerRecord<String, String>> published = readCommitted(out, keys.size());
      assertEquals(keys, keysOf(published));
      assertEquals(keys.size(), published.size(), "each input published once");
    }
    assertEquals(2.0, count(meters, "aborted"));
    assertTrue(count(meters, "committed") >= 6);
  }

  @Test
  void aProcessorSlowerThanTheMaxPollIntervalKeepsItsPartitions() throws Exception {
    String in = topic("in", 2);
    String out = topic("out", 2);
    Set<String> keys = produce(in, 20);
    BatchProcessor slow =
        batch -> {
          Thread.sleep(3000);
          return BatchResult.of(echo(batch, out));
        };
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    LoopSettings settings =
        settings(in)
            .consumerOverrides(
                Map.of(
                    ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1000,
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000,
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500))
            .build();
    try (TransactionalLoop loop = new TransactionalLoop(settings, slow, meters)) {
      loop.start();
      List<ConsumerRecord<String, String>> published = readCommitted(out, keys.size());
      assertEquals(keys.size(), published.size());
      assertEquals(keys, keysOf(published));
    }
    // leaving the group would have made the batch's commit fail (aborted) or dropped it
    assertEquals(0.0, count(meters, "aborted"));
    assertEquals(0.0, count(meters, "discarded"));
  }

  @Test
  void recordsLeftUnfinishedAreConsumedAgainByTheNextInstance() throws Exception {
    String in = topic("in", 1);
    String out = topic("out", 1);
    produce(in, 10);
    TopicPartition partition = new TopicPartition(in, 0);
    // the first instance finishes offsets 0-4 and holds 5-9 unfinished when it stops
    BatchProcessor holdsBack =
        batch -> {
          List<ConsumerRecord<byte[], byte[]>> done =
              batch.stream().filter(r -> r.offset() < 5).toList();
          boolean holding = batch.stream().anyMatch(r -> r.offset() >= 5);
          return new BatchResult(echo(done, out), holding ? Map.of(partition, 5L) : Map.of());
        };
    LoopSettings settings = settings(in).build();
    try (TransactionalLoop first =
        new TransactionalLoop(settings, holdsBack, new SimpleMeterRegistry())) {
      first.start();
      assertEquals(5, readCommitted(out, 5).size());
    }
    Set<Long> seenBySecond = ConcurrentHashMap.newKeySet();
    BatchProcessor finishes =
        batch -> {
          batch.forEach(r -> seenBySecond.add(r.offset()));
          return BatchResult.of(echo(batch, out));
        };
    try (TransactionalLoop second =
        new TransactionalLoop(settings, finishes, new SimpleMeterRegistry())) {
      second.start();
      List<ConsumerRecord<String, String>> published = readCommitted(out, 10);
      assertEquals(10, published.size());
      assertEquals(10, keysOf(published).size(), "each input once");
    }
    assertEquals(Set.of(5L, 6L, 7L, 8L, 9L), seenBySecond);
  }

  private LoopSettings.Builder settings(String in) {
    return LoopSettings.builder("test", bootstrapServers, "group-" + in, List.of(in), "tx-" + in)
        .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
  }

  private static List<ProducerRecord<byte[], byte[]>> echo(
      List<ConsumerRecord<byte[], byte[]>> batch, String out) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      records.add(new ProducerRecord<>(out, r.key(), r.value()));
    }
    return records;
  }

  private String topic(String role, int partitions) throws Exception {
    String name = "loop-" + role + "-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
    return name;
  }

  private Set<String> produce(String topic, int count) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(),
            new ByteArraySerializer())) {
      Set<String> keys = new java.util.HashSet<>();
      for (int i = 0; i < count; i++) {
        String key = "k" + i;
        producer.send(new ProducerRecord<>(topic, key, ("v" + i).getBytes(StandardCharsets.UTF_8)));
        keys.add(key);
      }
      producer.flush();
      return keys;
    }
  }

  /** Committed records until {@code expected} arrived and a second passed without more. */
  private List<ConsumerRecord<String, String>> readCommitted(String topic, int expected) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plusSeconds(60);
      Instant quietUntil = null;
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          found.add(r);
          if (found.size() >= expected) {
            quietUntil = Instant.now().plusSeconds(1);
          }
        }
        if (quietUntil != null && Instant.now().isAfter(quietUntil)) {
          break;
        }
      }
    }
    return found;
  }

  private static Set<String> keysOf(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
  }

  private static double count(SimpleMeterRegistry meters, String outcome) {
    var counter = meters.find("protstream_loop_transactions").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
