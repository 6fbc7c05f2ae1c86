package io.protstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.local.LocalService;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.ResidueEmbeddingEventDeserializer;
import io.protstream.testinfra.KafkaEndpoint;
import io.protstream.testinfra.Ports;
import io.protstream.testinfra.ServerProcess;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged embed-service, killed with SIGKILL in the middle of a stream and started again:
 * every sequence is embedded, and a read_committed consumer sees each digest exactly once per
 * topic, with complete residue matrices.
 */
@RealInfrastructure
class EmbedCrashRecoveryTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("e2e.repository", "../.."));
  private static final int SEQUENCES = 300;
  private static final int ROWS_PER_PART = 16;

  private final List<Long> started = new ArrayList<>();

  @Test
  void killedAndRestartedItEmbedsEverySequenceExactlyOnce(KafkaEndpoint kafka) throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "PROTSTREAM_EMBED_MODEL_DIRECTORY", EmbedStreams.tinyModel().toString(),
            // the restarted instance is the same instance: it fences the killed one
            "PROTSTREAM_EMBED_STREAM_TRANSACTIONAL_ID", "embed-crash-test",
            "PROTSTREAM_EMBED_STREAM_MAX_BATCH_RECORDS", "8",
            // several parts per matrix (d = 64), so a crash can fall between parts
            "PROTSTREAM_EMBED_RESIDUE_PART_BYTES", Integer.toString(ROWS_PER_PART * 64 * 2));
    long self = ProcessHandle.current().pid();

    Random random = new Random(42);
    Map<String, String> sequences = new LinkedHashMap<>();
    while (sequences.size() < SEQUENCES) {
      String s = randomSequence(random, 20 + random.nextInt(200));
      sequences.put(EmbedStreams.digest(s), s);
    }
    List<String> ordered = new ArrayList<>(sequences.values());

    LocalService first = new LocalService("embed-service", Ports.free());
    long firstPid = first.start(REPOSITORY, logs, env, self);
    started.add(firstPid);
    first.awaitReady(Duration.ofMinutes(2), logs);

    int committedAtKill;
    try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers());
        KafkaConsumer<String, byte[]> watcher =
            EmbedStreams.committedReader(kafka.bootstrapServers(), Topics.PROTEIN_EMBEDDINGS)) {
      // the first half, then the rest while the service works, killed in the middle
      Set<String> seen = new HashSet<>();
      int sent = 0;
      for (; sent < SEQUENCES / 2; sent++) {
        send(producer, sent, ordered.get(sent));
      }
      producer.flush();
      Instant deadline = Instant.now().plusSeconds(120);
      while (seen.size() < SEQUENCES / 3 && Instant.now().isBefore(deadline)) {
        watcher.poll(Duration.ofMillis(50)).forEach(r -> seen.add(r.key()));
        if (sent < SEQUENCES) {
          send(producer, sent, ordered.get(sent));
          sent++;
          producer.flush();
        }
      }
      ProcessHandle.of(firstPid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
      ProcessHandle.of(firstPid).ifPresent(p -> p.onExit().join());
      committedAtKill = seen.size();
      for (; sent < SEQUENCES; sent++) {
        send(producer, sent, ordered.get(sent));
      }
      producer.flush();
    }
    assertTrue(
        committedAtKill < SEQUENCES,
        "the kill came after everything was embedded: " + committedAtKill);

    LocalService second = new LocalService("embed-service", Ports.free());
    started.add(second.start(REPOSITORY, logs, env, self));
    second.awaitReady(Duration.ofMinutes(2), logs);

    List<ConsumerRecord<String, byte[]>> proteins =
        EmbedStreams.readCommitted(
            kafka.bootstrapServers(),
            Topics.PROTEIN_EMBEDDINGS,
            r -> sequences.containsKey(r.key()),
            SEQUENCES,
            Duration.ofMinutes(3));
    Map<String, Long> perDigest =
        proteins.stream()
            .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    assertEquals(sequences.keySet(), perDigest.keySet(), "every digest, nothing missing");
    perDigest.forEach((digest, count) -> assertEquals(1L, count, "events for " + digest));

    int expectedParts =
        sequences.values().stream()
            .mapToInt(s -> (s.length() + ROWS_PER_PART - 1) / ROWS_PER_PART)
            .sum();
    List<ConsumerRecord<String, byte[]>> residues =
        EmbedStreams.readCommitted(
            kafka.bootstrapServers(),
            Topics.RESIDUE_EMBEDDINGS,
            r -> sequences.containsKey(r.key()),
            expectedParts,
            Duration.ofMinutes(1));
    Map<String, List<Integer>> partsPerDigest = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : residues) {
      ResidueEmbeddingEvent part =
          new ResidueEmbeddingEventDeserializer().deserialize(r.topic(), r.value());
      assertEquals(sequences.get(r.key()).length(), part.getLength());
      partsPerDigest.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(part.getPart());
    }
    assertEquals(sequences.keySet(), partsPerDigest.keySet());
    partsPerDigest.forEach(
        (digest, parts) -> {
          int count = (sequences.get(digest).length() + ROWS_PER_PART - 1) / ROWS_PER_PART;
          List<Integer> once = new ArrayList<>();
          for (int p = 0; p < count; p++) {
            once.add(p);
          }
          assertEquals(once, parts, "each part once, in order, for " + digest);
        });
  }

  @AfterEach
  void stopServices() {
    started.forEach(
        pid -> ProcessHandle.of(pid).ifPresent(p -> ServerProcess.stop(p, Duration.ofSeconds(20))));
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static void send(KafkaProducer<String, byte[]> producer, int index, String sequence) {
    String accession = "E2E" + index;
    producer.send(
        new ProducerRecord<>(
            Topics.SEQUENCES, accession, EmbedStreams.newSequence(accession, sequence)));
  }

  private static String randomSequence(Random random, int length) {
    String residues = "ACDEFGHIKLMNPQRSTVWY";
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(residues.charAt(random.nextInt(residues.length())));
    }
    return s.toString();
  }
}
