package io.protstream.e2e;

import io.protstream.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a run as a downstream reader would: the distinct accessions committed on {@code
 * uniprot.sequences.v1} (ingest's progress) and the distinct digests committed on {@code
 * protein.annotations.v1} (the pipeline's), read on a thread of its own that rides out broker
 * restarts.
 */
final class ChaosMonitor implements AutoCloseable {

  private final Set<String> announced = ConcurrentHashMap.newKeySet();
  private final Set<String> annotated = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean running = true;

  ChaosMonitor(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-monitor-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    thread =
        new Thread(
            () -> {
              try (KafkaConsumer<String, byte[]> consumer =
                  new KafkaConsumer<>(
                      config, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.SEQUENCES, Topics.ANNOTATIONS));
                while (running) {
                  try {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                      (r.topic().equals(Topics.SEQUENCES) ? announced : annotated).add(r.key());
                    }
                  } catch (RuntimeException e) {
                    // a broker restart: the client reconnects on the next poll
                  }
                }
              }
            },
            "chaos-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  int announced() {
    return announced.size();
  }

  int annotated() {
    return annotated.size();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
