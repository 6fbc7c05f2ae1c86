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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Raw access to a real broker for tests: send bytes as any producer would, and wait for a record to
 * appear.
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

  /** The record's last header of that name as UTF-8 text, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null
        ? null
        : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
