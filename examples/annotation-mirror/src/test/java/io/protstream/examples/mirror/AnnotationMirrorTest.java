package io.protstream.examples.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.AnnotationEvent;
import io.protstream.schemas.TopicProvisioner;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.EventCodec;
import io.protstream.testinfra.KafkaEndpoint;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example consumer against the real broker: the mirror holds the newest annotations per
 * accession, ignores aborted transactions, applies tombstones, keeps unreadable records aside, and
 * ends in the same table after a crash in the middle and after a full replay.
 */
@RealInfrastructure
class AnnotationMirrorTest {

  private static final String TOPIC = Topics.ANNOTATIONS;
  private static final Instant T0 = Instant.parse("2025-02-05T10:00:00Z");
  private static String bootstrap;

  @BeforeAll
  static void publish(KafkaEndpoint kafka) throws Exception {
    bootstrap = kafka.bootstrapServers();
    TopicProvisioner.ensure(bootstrap, List.of(Topics.spec(TOPIC).orElseThrow()), 3, (short) 1);
    EventCodec<AnnotationEvent> codec = new EventCodec<>(AnnotationEvent.class);
    List<ProducerRecord<String, byte[]>> committed = new ArrayList<>();
    committed.add(record(codec, event("d1", List.of("P00001"), "HHE", "Nucleus", 0)));
    committed.add(record(codec, event("d2", List.of("P00002", "Q00002"), "CCC", "Cytoplasm", 0)));
    committed.add(record(codec, event("d3", List.of("P00003"), "EEE", "Plastid", 0)));
    committed.add(record(codec, event("d5", List.of("P00005"), "HHH", "Lysosome/Vacuole", 0)));
    // d2 annotated again with another head version: the newer one wins
    committed.add(record(codec, event("d2", List.of("P00002", "Q00002"), "HEC", "Nucleus", 60)));
    // P00003's sequence changed: its new digest d7 is newer than d3
    committed.add(record(codec, event("d7", List.of("P00003"), "CHE", "Mitochondrion", 120)));
    // d5 withdrawn
    committed.add(new ProducerRecord<>(TOPIC, "d5", null));
    committed.add(
        new ProducerRecord<>(TOPIC, "d9", "not an event".getBytes(StandardCharsets.UTF_8)));
    // a late copy of d3's old annotation (e.g. a re-sent window): older than d7's, so ignored
    committed.add(record(codec, event("d3", List.of("P00003"), "EEE", "Plastid", 0)));

    try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      for (ProducerRecord<String, byte[]> r : committed.subList(0, 5)) {
        producer.send(r);
      }
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(record(codec, event("d8", List.of("P99999"), "HHH", "Nucleus", 0)));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      for (ProducerRecord<String, byte[]> r : committed.subList(5, committed.size())) {
        producer.send(r);
      }
      producer.commitTransaction();
    }
  }

  /** The table the events above must produce, written out by hand. */
  private static Map<String, String> expected() {
    Map<String, String> rows = new TreeMap<>();
    rows.put("P00001", "d1 HHE Nucleus");
    rows.put("P00002", "d2 HEC Nucleus");
    rows.put("Q00002", "d2 HEC Nucleus");
    rows.put("P00003", "d7 CHE Mitochondrion");
    return rows;
  }

  @Test
  void mirrorsTheCommittedAnnotationsAndSurvivesACrashAndAReplay(@TempDir Path dir)
      throws Exception {
    Path db = dir.resolve("mirror");

    // read a few records and stop; the table holds them and the position after them
    AnnotationMirror first = new AnnotationMirror(bootstrap, TOPIC, db, 2);
    int applied = 0;
    for (int i = 0; i < 50 && applied == 0; i++) {
      applied += first.pollOnce(Duration.ofMillis(200));
    }
    assertTrue(applied > 0 && applied <= 6, "applied " + applied);
    first.close();

    Map<String, String> afterRestart;
    try (AnnotationMirror second = new AnnotationMirror(bootstrap, TOPIC, db, 2)) {
      drain(second);
      afterRestart = summary(second.table().rows());
      assertEquals(expected(), afterRestart);
      List<String> rejected = second.table().rejected();
      assertEquals(1, rejected.size(), rejected.toString());
      assertTrue(rejected.get(0).contains("BAD_MAGIC"), rejected.get(0));
      second.table().forgetPositions();
    }

    try (AnnotationMirror replay = new AnnotationMirror(bootstrap, TOPIC, db, 500)) {
      drain(replay);
      assertEquals(afterRestart, summary(replay.table().rows()));
      assertEquals(1, replay.table().rejected().size());
    }
  }

  @Test
  void aFreshMirrorReadingEverythingAtOnceEndsInTheSameTable(@TempDir Path dir) throws Exception {
    try (AnnotationMirror mirror = new AnnotationMirror(bootstrap, TOPIC, dir.resolve("m"), 500)) {
      drain(mirror);
      assertEquals(expected(), summary(mirror.table().rows()));
    }
  }

  private static void drain(AnnotationMirror mirror) throws SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!mirror.caughtUp()) {
      assertTrue(System.nanoTime() < deadline, "mirror did not catch up");
      mirror.pollOnce(Duration.ofMillis(200));
    }
  }

  private static Map<String, String> summary(List<MirrorTable.Row> rows) {
    Map<String, String> out = new TreeMap<>();
    for (MirrorTable.Row r : rows) {
      out.put(r.accession(), r.digest() + " " + r.dssp3() + " " + r.localization());
    }
    return out;
  }

  private static ProducerRecord<String, byte[]> record(
      EventCodec<AnnotationEvent> codec, AnnotationEvent e) {
    return new ProducerRecord<>(TOPIC, e.getSequenceDigest().toString(), codec.encode(e));
  }

  private static AnnotationEvent event(
      String digest, List<String> accessions, String dssp3, String localization, int minutes) {
    int length = dssp3.length();
    return AnnotationEvent.newBuilder()
        .setSequenceDigest(digest)
        .setAccessions(new ArrayList<>(accessions))
        .setEncoderModelId("prott5-test")
        .setSecondaryStructureModelId("secstruct-test")
        .setDisorderModelId("secstruct-test")
        .setLocalizationModelId("la-test")
        .setLength(length)
        .setDssp3(dssp3)
        .setDssp3Probabilities(ByteBuffer.allocate(3 * length))
        .setDssp8("C".repeat(length))
        .setDssp8Probabilities(ByteBuffer.allocate(8 * length))
        .setDisorder("-".repeat(length))
        .setDisorderProbabilities(ByteBuffer.allocate(2 * length))
        .setLocalization(localization)
        .setLocalizationProbabilities(new ArrayList<>(Collections.nCopies(10, 0.1f)))
        .setCreatedAt(T0.plus(Duration.ofMinutes(minutes)))
        .build();
  }

  private static KafkaProducer<String, byte[]> transactionalProducer() {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "mirror-test-writer",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
