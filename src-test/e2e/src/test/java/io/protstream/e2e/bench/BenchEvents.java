package io.protstream.e2e.bench;

import io.protstream.e2e.EmbedStreams;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.model.bench.LengthMix;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.ResidueEmbeddingEventDeserializer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmarks' inputs and observations: UniProt-like sequences as {@code uniprot.sequences.v1}
 * events, and a read_committed watcher that notes when each digest's output became visible.
 */
final class BenchEvents {

  private BenchEvents() {}

  /**
   * {@code count} distinct sequences with UniProtKB's length mix, in the random order they are
   * drawn in (no sorting by length: the service must do its own).
   */
  static List<ProteinSequence> lengthMix(int count, int maxLength, long seed) {
    return LengthMix.sequences(count, maxLength, seed);
  }

  static long residues(Collection<ProteinSequence> set) {
    return set.stream().mapToLong(s -> s.sequence().length()).sum();
  }

  static String digest(String sequence) {
    return EmbedStreams.digest(sequence);
  }

  static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 3 * 1024 * 1024);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  static void send(KafkaProducer<String, byte[]> producer, String accession, String sequence) {
    producer.send(
        new ProducerRecord<>(
            Topics.SEQUENCES, accession, EmbedStreams.newSequence(accession, sequence, "bench")));
  }

  /** The accession of the n-th benchmark entry: the 10-character UniProt form, unique per n. */
  static String accession(long n) {
    // [A-NR-Z][0-9][A-Z][A-Z0-9][A-Z0-9][0-9][A-Z][A-Z0-9][A-Z0-9][0-9]
    int[] radix = {23, 10, 26, 36, 36, 10, 26, 36, 36, 10};
    String first = "ABCDEFGHIJKLMNRSTUVWXYZ";
    String alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    char[] out = new char[10];
    long rest = n;
    for (int i = radix.length - 1; i >= 0; i--) {
      int d = (int) (rest % radix[i]);
      rest /= radix[i];
      out[i] =
          switch (radix[i]) {
            case 23 -> first.charAt(d);
            case 26 -> (char) ('A' + d);
            case 36 -> alnum.charAt(d);
            default -> (char) ('0' + d);
          };
    }
    return new String(out);
  }

  /**
   * Reads output topics read_committed from their beginning in a background thread and notes, per
   * digest, when its output became visible: a per-protein event, the last part of a residue matrix
   * (parts are written in order in one transaction), an annotation event.
   */
  static final class CommittedWatch implements AutoCloseable {

    final Map<String, Long> proteins = new ConcurrentHashMap<>();
    final Map<String, Long> residueMatrices = new ConcurrentHashMap<>();
    final Map<String, Long> annotations = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    CommittedWatch(String bootstrapServers, List<String> topics) {
      Properties config = new Properties();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watch-" + UUID.randomUUID());
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
      config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000);
      consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(topics);
      thread = new Thread(this::run, "bench-watch");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      ResidueEmbeddingEventDeserializer residues = new ResidueEmbeddingEventDeserializer();
      try {
        while (running) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            long now = System.nanoTime();
            switch (r.topic()) {
              case Topics.PROTEIN_EMBEDDINGS -> proteins.putIfAbsent(r.key(), now);
              case Topics.ANNOTATIONS -> annotations.putIfAbsent(r.key(), now);
              case Topics.RESIDUE_EMBEDDINGS -> {
                ResidueEmbeddingEvent part = residues.deserialize(r.topic(), r.value());
                if (part.getPart() == part.getPartCount() - 1) {
                  residueMatrices.putIfAbsent(r.key(), now);
                }
              }
              default -> {}
            }
          }
        }
      } catch (WakeupException e) {
        // closing
      } finally {
        consumer.close();
      }
    }

    /**
     * Waits until every digest is in every map; returns the latest of their times (nanoTime), or -1
     * on timeout.
     */
    @SafeVarargs
    final long awaitAll(Collection<String> digests, Duration timeout, Map<String, Long>... maps)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        boolean all = true;
        long latest = 0;
        for (Map<String, Long> map : maps) {
          for (String d : digests) {
            Long t = map.get(d);
            if (t == null) {
              all = false;
              break;
            }
            latest = Math.max(latest, t);
          }
          if (!all) {
            break;
          }
        }
        if (all) {
          return latest;
        }
        Thread.sleep(50);
      }
      return -1;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      consumer.wakeup();
      thread.join(10_000);
    }
  }
}
