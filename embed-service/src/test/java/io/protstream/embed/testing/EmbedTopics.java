package io.protstream.embed.testing;

import io.protstream.events.ChangeKind;
import io.protstream.events.SequenceEvent;
import io.protstream.schemas.serde.SequenceEventSerializer;
import java.nio.charset.StandardCharsets;
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

/** Writing sequence events and reading what embed-service committed, for tests. */
public final class EmbedTopics {

  private EmbedTopics() {}

  /** SHA-256 of the UTF-8 sequence, lower-case hex (as the sequence event schema defines it). */
  public static String digest(String sequence) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(sequence.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] sequenceEvent(
      String accession, ChangeKind kind, String sequence, boolean embeddingExists) {
    SequenceEvent event =
        SequenceEvent.newBuilder()
            .setAccession(accession)
            .setReleaseId("test")
            .setChangeKind(kind)
            .setSequence(sequence)
            .setLength(sequence == null ? 0 : sequence.length())
            .setSequenceDigest(sequence == null ? null : digest(sequence))
            .setEmbeddingExists(embeddingExists)
            .setEventTime(Instant.now())
            .build();
    return new SequenceEventSerializer().serialize("test", event);
  }

  /**
   * Every committed record of {@code topic} that matches, read with {@code read_committed} from the
   * beginning until {@code expected} matched and no more arrived for a second, or {@code timeout}.
   */
  public static List<ConsumerRecord<String, byte[]>> readCommitted(
      String bootstrapServers,
      String topic,
      Predicate<ConsumerRecord<String, byte[]>> matches,
      int expected,
      Duration timeout) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(timeout);
      Instant quietUntil = null;
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (matches.test(r)) {
            found.add(r);
            if (found.size() >= expected) {
              quietUntil = Instant.now().plusSeconds(1);
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
