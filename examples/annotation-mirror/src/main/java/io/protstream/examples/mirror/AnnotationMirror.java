package io.protstream.examples.mirror;

import io.protstream.events.AnnotationEvent;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.EventCodec;
import io.protstream.schemas.serde.EventDecodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A downstream database's consumer of {@code protein.annotations.v1}, with plain kafka-clients and
 * the protstream schemas jar: it mirrors the annotations into a local table keyed by accession.
 *
 * <p>What makes it correct across restarts and replays:
 *
 * <ul>
 *   <li>{@code isolation.level=read_committed}: it sees only what predict-service committed.
 *   <li>Positions live in the mirror's own database, written in the same transaction as the rows
 *       ({@link MirrorTable#apply}); Kafka's group offsets are not used, so a crash between the
 *       write and a commit cannot happen.
 *   <li>Rows are upserts keyed by accession, newest creation time wins: applying an event twice, or
 *       replaying the compacted topic from the start, gives the same table.
 *   <li>A tombstone (null value) withdraws the digest's rows; an unreadable record is kept in a
 *       {@code rejected} table with its reason instead of stopping the mirror.
 * </ul>
 *
 * <pre>
 * java -cp protstream-annotation-mirror.jar:... io.protstream.examples.mirror.AnnotationMirror \
 *     BOOTSTRAP_SERVERS DATABASE_FILE [--from-beginning]
 * </pre>
 */
public final class AnnotationMirror implements AutoCloseable {

  private final String topic;
  private final MirrorTable table;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventCodec<AnnotationEvent> codec = new EventCodec<>(AnnotationEvent.class);

  AnnotationMirror(String bootstrapServers, String topic, Path database, int maxPollRecords)
      throws SQLException {
    this.topic = topic;
    this.table = new MirrorTable(database);
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    resume();
  }

  /** Takes every partition of the topic and seeks each to the position the table recorded. */
  private void resume() throws SQLException {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic)) {
      partitions.add(new TopicPartition(topic, p.partition()));
    }
    consumer.assign(partitions);
    Map<Integer, Long> positions = table.positions(topic);
    List<TopicPartition> fresh = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      Long next = positions.get(tp.partition());
      if (next == null) {
        fresh.add(tp);
      } else {
        consumer.seek(tp, next);
      }
    }
    consumer.seekToBeginning(fresh);
  }

  /**
   * Reads one poll's records and applies them with their positions in one database transaction.
   *
   * @return the number of records applied
   */
  int pollOnce(Duration timeout) throws SQLException {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    if (records.isEmpty()) {
      return 0;
    }
    List<MirrorTable.Change> changes = new ArrayList<>(records.count());
    Map<Integer, Long> next = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      changes.add(change(r));
      next.put(r.partition(), r.offset() + 1);
    }
    table.apply(topic, changes, next);
    return records.count();
  }

  private MirrorTable.Change change(ConsumerRecord<byte[], byte[]> r) {
    String digest = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    if (r.value() == null) {
      return new MirrorTable.Change(r.partition(), r.offset(), digest, null, null);
    }
    try {
      return new MirrorTable.Change(
          r.partition(), r.offset(), digest, codec.decode(r.value()), null);
    } catch (EventDecodingException e) {
      return new MirrorTable.Change(r.partition(), r.offset(), digest, null, e.getMessage());
    }
  }

  /** True when every partition has been read up to its last committed record. */
  boolean caughtUp() {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  MirrorTable table() {
    return table;
  }

  @Override
  public void close() throws SQLException {
    consumer.close(Duration.ofSeconds(5));
    table.close();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: AnnotationMirror BOOTSTRAP_SERVERS DATABASE_FILE [--from-beginning]");
      System.exit(2);
    }
    Path database = Path.of(args[1]);
    if (args.length > 2 && "--from-beginning".equals(args[2])) {
      try (MirrorTable t = new MirrorTable(database)) {
        t.forgetPositions();
      }
    }
    AtomicBoolean running = new AtomicBoolean(true);
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.set(false);
                  try {
                    main.join(10_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    try (AnnotationMirror mirror =
        new AnnotationMirror(args[0], Topics.ANNOTATIONS, database, 500)) {
      long applied = 0;
      while (running.get()) {
        int n = mirror.pollOnce(Duration.ofSeconds(1));
        applied += n;
        if (n > 0) {
          System.out.println("applied " + applied + " records");
        }
      }
    }
  }
}
