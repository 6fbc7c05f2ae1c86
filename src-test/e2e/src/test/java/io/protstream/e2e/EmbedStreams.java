package io.protstream.e2e;

import io.protstream.events.ChangeKind;
import io.protstream.events.SequenceEvent;
import io.protstream.model.pipeline.DemoModels;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.SequenceEventSerializer;
import io.protstream.testinfra.KafkaProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** What the end-to-end tests of embed-service share: a model folder, events, committed reads. */
public final class EmbedStreams {

  private EmbedStreams() {}

  /** A tiny demo model (random weights, the fixtures' shape) generated once under target/. */
  static synchronized Path tinyModel() throws Exception {
    Path folder = Path.of("target", "e2e-tiny-model").toAbsolutePath();
    if (!Files.exists(folder.resolve("manifest.json"))) {
      DemoModels.create(DemoModels.Size.TINY, 5, folder);
    }
    return folder;
  }

  /** The sequence digest, computed here independently of the services: hex SHA-256 of UTF-8. */
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

  static byte[] newSequence(String accession, String sequence) {
    return newSequence(accession, sequence, "e2e");
  }

  /** A serialized NEW {@code uniprot.sequences.v1} event of the release {@code releaseId}. */
  public static byte[] newSequence(String accession, String sequence, String releaseId) {
    return new SequenceEventSerializer()
        .serialize(
            Topics.SEQUENCES,
            SequenceEvent.newBuilder()
                .setAccession(accession)
                .setReleaseId(releaseId)
                .setChangeKind(ChangeKind.NEW)
                .setSequence(sequence)
                .setLength(sequence.length())
                .setSequenceDigest(digest(sequence))
                .setEventTime(Instant.now())
                .build());
  }

  /** A read_committed consumer from the beginning of {@code topic}. */
  static KafkaConsumer<String, byte[]> committedReader(String bootstrapServers, String topic) {
    return new KafkaProbe(bootstrapServers).committedReader(topic);
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
    return new KafkaProbe(bootstrapServers)
        .readCommitted(topic, matches, expected, Duration.ofSeconds(2), timeout);
  }
}
