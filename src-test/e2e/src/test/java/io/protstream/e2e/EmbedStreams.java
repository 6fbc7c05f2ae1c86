package io.protstream.e2e;

import io.protstream.events.ChangeKind;
import io.protstream.events.SequenceEvent;
import io.protstream.model.pipeline.DemoModels;
import io.protstream.schemas.serde.SequenceEventSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the end-to-end tests of embed-service share: a model folder, events, committed reads. */
final class EmbedStreams {

  private EmbedStreams() {}

  /** A tiny demo model (random weights, the fixtures' shape) generated once under target/. */
  static synchronized Path tinyModel() throws Exception {
    Path folder = Path.of("target", "e2e-tiny-model").toAbsolutePath();
    if (!Files.exists(folder.resolve("manifest.json"))) {
      DemoModels.create(DemoModels.Size.TINY, 5, folder);
    }
    return folder;
  }

  static String digest(String sequence) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(sequence.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] newSequence(String accession, String sequence) {
    return new SequenceEventSerializer()
        .serialize(
            "e2e",
            SequenceEvent.newBuilder()
                .setAccession(accession)
                .setReleaseId("e2e")
                .setChangeKind(ChangeKind.NEW)
                .setSequence(sequence)
                .setLength(sequence.length())
                .setSequenceDigest(digest(sequence))
                .setEventTime(Instant.now())
                .build());
  }

  /** A read_committed consumer from the beginning of {@code topic}. */
  static KafkaConsumer<String, byte[]> committedReader(String bootstrapServers, String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /**
   * Committed records of {@code topic} that match, read until {@code expected} matched and no more
   * arrived for two seconds, or {@code timeout}.
   */
  static List<ConsumerRecord<String, byte[]>> readCommitted(
      String bootstrapServers,
      String topic,
      Predicate<ConsumerRecord<String, byte[]>> matches,
      int expected,
      Duration timeout) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = committedReader(bootstrapServers, topic)) {
      Instant deadline = Instant.now().plus(timeout);
      Instant quietUntil = null;
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (matches.test(r)) {
            found.add(r);
            if (found.size() >= expected) {
              quietUntil = Instant.now().plusSeconds(2);
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
}
