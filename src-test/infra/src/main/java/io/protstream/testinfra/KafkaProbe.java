package io.protstream.testinfra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Raw access to a real broker for tests: send bytes as any producer would, wait for a record to
 * appear, and read what transactional writers committed as their {@code read_committed} consumers
 * see it.
 */
public final class KafkaProbe {

  private final String bootstrapServers;

  public KafkaProbe(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Sends one record and waits for the broker's acknowledgement. */
  public void send(String topic, String key, byte[] value) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            64 * 1024 * 1024);
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot send to " + topic, e.getCause());
    }
  }

  /**
   * Sends the records in order with one producer and waits for every acknowledgement: they reach
   * the broker together, so a consumer polling the partition gets them in one batch.
   */
  public void sendAll(String topic, List<Map.Entry<String, byte[]>> records) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            50,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            64 * 1024 * 1024);
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
      for (Map.Entry<String, byte[]> r : records) {
        acks.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
      }
      for (var ack : acks) {
        ack.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot send to " + topic, e.getCause());
    }
  }

  /** Per partition of {@code topic}, the offset past its last record (or transaction marker). */
  public Map<Integer, Long> endOffsets(String topic) {
    try (Admin admin = admin()) {
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      partitions.forEach(
          p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<Integer, Long> ends = new java.util.TreeMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
      return ends;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the end offsets of " + topic, e.getCause());
    }
  }

  /**
   * Per partition of {@code topic}, the offset consumer group {@code groupId} committed (the next
   * record it will read); partitions it never committed are absent.
   */
  public Map<Integer, Long> committedOffsets(String groupId, String topic) {
    try (Admin admin = admin()) {
      Map<Integer, Long> committed = new java.util.TreeMap<>();
      admin
          .listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata()
          .get()
          .forEach(
              (tp, offset) -> {
                if (tp.topic().equals(topic) && offset != null) {
                  committed.put(tp.partition(), offset.offset());
                }
              });
      return committed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the offsets of group " + groupId, e.getCause());
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            30_000));
  }

  /**
   * The first record of {@code topic}, read from the beginning, that matches, or empty after {@code
   * timeout}.
   */
  public Optional<ConsumerRecord<String, byte[]>> await(
      String topic, Predicate<ConsumerRecord<String, byte[]>> matches, Duration timeout) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024);
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (matches.test(record)) {
            return Optional.of(record);
          }
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Every record of {@code topic} from the beginning, read until no new record arrived for {@code
   * quiet} (and at least one arrived, or {@code timeout} passed).
   */
  public List<ConsumerRecord<String, byte[]>> readAll(
      String topic, Duration quiet, Duration timeout) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024);
    List<ConsumerRecord<String, byte[]>> all = new java.util.ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(timeout);
      Instant lastArrival = Instant.now();
      while (Instant.now().isBefore(deadline)) {
        var batch = consumer.poll(Duration.ofMillis(250));
        batch.forEach(all::add);
        if (!batch.isEmpty()) {
          lastArrival = Instant.now();
        } else if (!all.isEmpty() && Instant.now().isAfter(lastArrival.plus(quiet))) {
          break;
        }
      }
    }
    return all;
  }

  /**
   * A {@code read_committed} consumer of {@code topic} from its beginning, in a fresh group (the
   * caller closes it): it sees what a transaction committed, never what one aborted or left open.
   */
  public KafkaConsumer<String, byte[]> committedReader(String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024);
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /**
   * The committed records of {@code topic} that match, read from the beginning with {@link
   * #committedReader} until {@code expected} matched and then none more arrived for {@code quiet}
   * (so that a duplicate shows), or {@code timeout} passed.
   */
  public List<ConsumerRecord<String, byte[]>> readCommitted(
      String topic,
      Predicate<ConsumerRecord<String, byte[]>> matches,
      int expected,
      Duration quiet,
      Duration timeout) {
    List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = committedReader(topic)) {
      Instant deadline = Instant.now().plus(timeout);
      Instant quietUntil = null;
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (matches.test(r)) {
            found.add(r);
            if (found.size() >= expected) {
              quietUntil = Instant.now().plus(quiet);
            }
          }
        }
        if (quietUntil != null && Instant.now().isAfter(quietUntil)) {
          break;
        }
      }
    }
    return found;
  }

  /** The record's last header of that name as UTF-8 text, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null
        ? null
        : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
