package io.protstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.local.LocalService;
import io.protstream.model.pipeline.Manifest;
import io.protstream.schemas.Fp16Matrix;
import io.protstream.schemas.ResidueParts;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.AnnotationEventDeserializer;
import io.protstream.schemas.serde.ResidueEmbeddingEventSerializer;
import io.protstream.testinfra.KafkaEndpoint;
import io.protstream.testinfra.Ports;
import io.protstream.testinfra.ServerProcess;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
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
 * The packaged predict-service, killed with SIGKILL in the middle of a stream of multi-part residue
 * matrices and started again: a read_committed consumer sees one annotation per digest, none
 * missing, and no matrix was dead-lettered for parts the crash separated (batches of 8 records cut
 * most matrices, so the kill falls between the parts of one).
 */
@RealInfrastructure
class PredictCrashRecoveryTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("e2e.repository", "../.."));
  private static final int MATRICES = 300;
  private static final int D = 64;
  private static final int ROWS_PER_PART = 16;
  private static final int MATRICES_PER_TRANSACTION = 4;

  private final List<Long> started = new ArrayList<>();

  @Test
  void killedAndRestartedItAnnotatesEveryMatrixExactlyOnce(KafkaEndpoint kafka) throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
    Path model = EmbedStreams.tinyModel();
    String encoderId = Manifest.read(model).encoderId();
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            kafka.bootstrapServers(),
            "PROTSTREAM_PREDICT_MODEL_DIRECTORY",
            model.toString(),
            // the restarted instance is the same instance: it fences the killed one
            "PROTSTREAM_PREDICT_STREAM_TRANSACTIONAL_ID",
            "predict-crash-test",
            "PROTSTREAM_PREDICT_STREAM_MAX_BATCH_RECORDS",
            "8");
    long self = ProcessHandle.current().pid();

    Random random = new Random(7);
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, List<ResidueEmbeddingEvent>> matrices = new LinkedHashMap<>();
    for (int i = 0; i < MATRICES; i++) {
      String digest = "crash-" + run + "-" + i;
      matrices.put(digest, parts(digest, encoderId, 20 + random.nextInt(200), random));
    }
    List<String> digests = new ArrayList<>(matrices.keySet());

    LocalService first = new LocalService("predict-service", Ports.free());
    long firstPid = first.start(REPOSITORY, logs, env, self);
    started.add(firstPid);
    first.awaitReady(Duration.ofMinutes(2), logs);

    int annotatedAtKill;
    try (KafkaProducer<String, byte[]> producer = transactionalProducer(kafka.bootstrapServers());
        KafkaConsumer<String, byte[]> watcher =
            EmbedStreams.committedReader(kafka.bootstrapServers(), Topics.ANNOTATIONS)) {
      Set<String> seen = new HashSet<>();
      int sent = 0;
      for (; sent < MATRICES / 2; sent += MATRICES_PER_TRANSACTION) {
        send(producer, matrices, digests, sent);
      }
      Instant deadline = Instant.now().plusSeconds(120);
      while (seen.size() < MATRICES / 3 && Instant.now().isBefore(deadline)) {
        watcher.poll(Duration.ofMillis(50)).forEach(r -> seen.add(r.key()));
        if (sent < MATRICES) {
          send(producer, matrices, digests, sent);
          sent += MATRICES_PER_TRANSACTION;
        }
      }
      ProcessHandle.of(firstPid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
      ProcessHandle.of(firstPid).ifPresent(p -> p.onExit().join());
      annotatedAtKill = seen.size();
      for (; sent < MATRICES; sent += MATRICES_PER_TRANSACTION) {
        send(producer, matrices, digests, sent);
      }
    }
    assertTrue(
        annotatedAtKill > 0 && annotatedAtKill < MATRICES,
        "the kill came before or after the stream: " + annotatedAtKill);

    LocalService second = new LocalService("predict-service", Ports.free());
    started.add(second.start(REPOSITORY, logs, env, self));
    second.awaitReady(Duration.ofMinutes(2), logs);

    List<ConsumerRecord<String, byte[]>> annotations =
        EmbedStreams.readCommitted(
            kafka.bootstrapServers(),
            Topics.ANNOTATIONS,
            r -> matrices.containsKey(r.key()),
            MATRICES,
            Duration.ofMinutes(3));
    Map<String, Long> perDigest =
        annotations.stream()
            .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    assertEquals(matrices.keySet(), perDigest.keySet(), "every digest, nothing missing");
    perDigest.forEach((digest, count) -> assertEquals(1L, count, "annotations for " + digest));
    for (ConsumerRecord<String, byte[]> r : annotations) {
      AnnotationEvent a = new AnnotationEventDeserializer().deserialize(r.topic(), r.value());
      int length = matrices.get(r.key()).get(0).getLength();
      assertEquals(length, a.getLength());
      assertEquals(length, a.getDssp3().length());
      assertEquals(encoderId, a.getEncoderModelId().toString());
    }
    assertEquals(List.of(), deadLetters(kafka.bootstrapServers(), matrices.keySet()));
  }

  @AfterEach
  void stopServices() {
    started.forEach(
        pid -> ProcessHandle.of(pid).ifPresent(p -> ServerProcess.stop(p, Duration.ofSeconds(20))));
  }

  /** A random L x 64 matrix in parts of 16 rows, as embed-service writes it. */
  private static List<ResidueEmbeddingEvent> parts(
      String digest, String encoderId, int length, Random random) {
    float[] values = new float[length * D];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    ResidueEmbeddingEvent whole =
        ResidueEmbeddingEvent.newBuilder()
            .setSequenceDigest(digest)
            .setModelId(encoderId)
            .setLength(length)
            .setDimension(D)
            .setResidues(ByteBuffer.wrap(Fp16Matrix.encode(values)))
            .setCreatedAt(Instant.now())
            .build();
    return ResidueParts.split(whole, ROWS_PER_PART * D * 2);
  }

  /** The parts of a few matrices in one transaction. */
  private static void send(
      KafkaProducer<String, byte[]> producer,
      Map<String, List<ResidueEmbeddingEvent>> matrices,
      List<String> digests,
      int from) {
    ResidueEmbeddingEventSerializer serializer = new ResidueEmbeddingEventSerializer();
    producer.beginTransaction();
    for (int i = from; i < Math.min(from + MATRICES_PER_TRANSACTION, digests.size()); i++) {
      for (ResidueEmbeddingEvent part : matrices.get(digests.get(i))) {
        producer.send(
            new ProducerRecord<>(
                Topics.RESIDUE_EMBEDDINGS,
                digests.get(i),
                serializer.serialize(Topics.RESIDUE_EMBEDDINGS, part)));
      }
    }
    producer.commitTransaction();
  }

  private static KafkaProducer<String, byte[]> transactionalProducer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "e2e-residues-" + UUID.randomUUID());
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    producer.initTransactions();
    return producer;
  }

  /** Dead letters of these digests, read for a few seconds. */
  private static List<String> deadLetters(String bootstrapServers, Set<String> digests) {
    List<String> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        EmbedStreams.committedReader(bootstrapServers, Topics.RESIDUE_EMBEDDINGS_DLQ)) {
      Instant until = Instant.now().plusSeconds(5);
      while (Instant.now().isBefore(until)) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (digests.contains(r.key())) {
            found.add(r.key());
          }
        }
      }
    }
    return found;
  }
}
