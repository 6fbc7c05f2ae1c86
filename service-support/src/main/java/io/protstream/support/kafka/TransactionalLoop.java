package io.protstream.support.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Consume-transform-produce with exactly-once effect: records are read with a plain {@link
 * KafkaConsumer} ({@code read_committed}, no auto-commit), gathered into batches, transformed by a
 * {@link BatchProcessor}, and the returned records are published by a transactional, idempotent
 * {@link KafkaProducer} in one transaction together with the batch's consumed offsets ({@code
 * sendOffsetsToTransaction} with the consumer's group metadata). A failed batch is aborted, the
 * consumer is moved back to the batch's first offsets (the committed position) and the batch is
 * retried after a growing pause. A fatal client error (fenced producer, authorization, a failed
 * abort) closes both clients and opens new ones, which resume from the committed offsets.
 *
 * <p>A slow processor never causes a rebalance: it runs on a worker thread while the poll thread
 * pauses every assigned partition and keeps calling {@code poll} (which then returns nothing), so
 * {@code max.poll.interval.ms} only has to cover the publish and commit of one batch. If a
 * rebalance takes a partition of the batch being processed, that batch's result is dropped
 * unpublished; the partition's next owner reads it again from the committed offsets.
 *
 * <p>Work held is bounded: a batch closes after {@link LoopSettings#maxBatchWait()} or when it
 * reaches {@link LoopSettings#maxBatchRecords()} / {@link LoopSettings#maxBatchBytes()}, and while
 * it is processed nothing more is fetched, so at most one batch plus one poll is in memory.
 *
 * <p>Plain Java, started and stopped by the owning service ({@link #start()}, {@link #close()}).
 */
public final class TransactionalLoop implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TransactionalLoop.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(500);
  private static final Duration BUSY_POLL = Duration.ofMillis(100);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final LoopSettings settings;
  private final BatchProcessor processor;
  private final ExecutorService worker;
  private final Thread pollThread;
  private final Counter committed;
  private final Counter aborted;
  private final Counter discarded;
  private final Counter restarts;
  private final DistributionSummary batchRecords;

  private volatile boolean stopping;
  private volatile boolean running;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  public TransactionalLoop(LoopSettings settings, BatchProcessor processor, MeterRegistry meters) {
    this.settings = settings;
    this.processor = processor;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, settings.name() + "-worker");
              t.setDaemon(true);
              return t;
            });
    this.pollThread = new Thread(this::run, settings.name() + "-poll");
    String loop = settings.name();
    String transactions = "protstream_loop_transactions";
    this.committed = meters.counter(transactions, "loop", loop, "outcome", "committed");
    this.aborted = meters.counter(transactions, "loop", loop, "outcome", "aborted");
    this.discarded = meters.counter(transactions, "loop", loop, "outcome", "discarded");
    this.restarts = meters.counter("protstream_loop_client_restarts", "loop", loop);
    this.batchRecords =
        DistributionSummary.builder("protstream_loop_batch_records")
            .tag("loop", loop)
            .register(meters);
  }

  /** Starts the poll thread; returns at once. */
  public void start() {
    pollThread.start();
  }

  /** True while the clients are open and the loop is consuming (for readiness checks). */
  public boolean isRunning() {
    return running;
  }

  public LoopSettings settings() {
    return settings;
  }

  /**
   * Stops consuming. A batch being processed is dropped unpublished (it is read again from the
   * committed offsets on the next start); nothing half-done is committed.
   */
  @Override
  public void close() {
    stopping = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      pollThread.join(CLOSE_TIMEOUT.toMillis() * 3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.shutdownNow();
    try {
      // the processor may be inside a native call on resources the service closes next
      worker.awaitTermination(CLOSE_TIMEOUT.toSeconds() * 3, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Duration pause = settings.retryBackoff();
    while (!stopping) {
      Clients clients = null;
      try {
        clients = openClients();
        running = true;
        pause = settings.retryBackoff();
        new Session(clients).serve();
      } catch (WakeupException e) {
        // close() woke the consumer up
      } catch (RuntimeException | Error e) {
        if (stopping) {
          break;
        }
        running = false;
        restarts.increment();
        LOG.errorf(e, "%s: Kafka clients failed; reopening in %s", settings.name(), pause);
        sleep(pause);
        pause = longer(pause);
      } finally {
        running = false;
        if (clients != null) {
          clients.close();
        }
        consumer = null;
      }
    }
    LOG.infof("%s: stopped", settings.name());
  }

  private Clients openClients() {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.transactionalId() + "-consumer");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.maxPartitionFetchBytes());
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, settings.maxFetchBytes());
    // eager protocol: a rebalance revokes everything, new owners start from committed offsets
    c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
    c.putAll(settings.consumerOverrides());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxRequestSize());
    p.put(
        ProducerConfig.BUFFER_MEMORY_CONFIG,
        Math.max(32L * 1024 * 1024, 2L * settings.maxRequestSize()));
    p.putAll(settings.producerOverrides());
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    try {
      // fences an earlier instance with this id and completes or aborts what it left open
      producer.initTransactions();
      KafkaConsumer<byte[], byte[]> opened =
          new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      consumer = opened;
      if (stopping) {
        opened.wakeup();
      }
      return new Clients(opened, producer);
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  private Duration longer(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(settings.maxRetryBackoff()) > 0 ? settings.maxRetryBackoff() : doubled;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    }
  }

  private static boolean isFatal(KafkaException e) {
    return e instanceof ProducerFencedException
        || e instanceof OutOfOrderSequenceException
        || e instanceof AuthorizationException
        || e instanceof AuthenticationException
        || e instanceof UnsupportedVersionException;
  }

  private record Clients(
      KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer) {
    void close() {
      try {
        consumer.close(CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        LOG.debug("consumer close failed", e);
      }
      try {
        producer.close(CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        LOG.debug("producer close failed", e);
      }
    }
  }

  /** Records gathered for the next batch, or a batch being processed. */
  private static final class Batch {
    final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    long bytes;
    long openedAtNanos;
    volatile boolean discarded;

    void add(ConsumerRecord<byte[], byte[]> r) {
      if (records.isEmpty()) {
        openedAtNanos = System.nanoTime();
      }
      records.add(r);
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      firstOffsets.putIfAbsent(tp, r.offset());
      nextOffsets.put(tp, r.offset() + 1);
      bytes += Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
    }

    boolean isEmpty() {
      return records.isEmpty();
    }

    /** Drops the records of these partitions (they will be read again). */
    void drop(Collection<TopicPartition> partitions) {
      Set<TopicPartition> gone = new HashSet<>(partitions);
      List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        if (!gone.contains(new TopicPartition(r.topic(), r.partition()))) {
          kept.add(r);
        }
      }
      records.clear();
      firstOffsets.clear();
      nextOffsets.clear();
      bytes = 0;
      kept.forEach(this::add);
    }
  }

  /** One pair of open clients, served until close() or a fatal error. */
  private final class Session implements ConsumerRebalanceListener {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;

    /** Per assigned partition, the last committed offset this session knows. */
    private final Map<TopicPartition, Long> committedOffsets = new HashMap<>();

    /** Partitions revoked while the processor ran; it is told once it returns. */
    private final Set<TopicPartition> revokedWhileBusy = new HashSet<>();

    private Batch gathering = new Batch();
    private Batch inFlight;
    private int failures;

    Session(Clients clients) {
      this.consumer = clients.consumer();
      this.producer = clients.producer();
    }

    void serve() {
      consumer.subscribe(settings.topics(), this);
      LOG.infof(
          "%s: consuming %s as group %s, transactional id %s",
          settings.name(), settings.topics(), settings.groupId(), settings.transactionalId());
      while (!stopping) {
        gather(consumer.poll(pollTimeout()));
        if (!gathering.isEmpty() && isFull(gathering)) {
          Batch batch = gathering;
          gathering = new Batch();
          processAndCommit(batch);
        }
      }
    }

    private Duration pollTimeout() {
      if (gathering.isEmpty()) {
        return IDLE_POLL;
      }
      long waitedNanos = System.nanoTime() - gathering.openedAtNanos;
      long leftNanos = settings.maxBatchWait().toNanos() - waitedNanos;
      return Duration.ofNanos(Math.max(0, leftNanos));
    }

    private boolean isFull(Batch batch) {
      return batch.records.size() >= settings.maxBatchRecords()
          || batch.bytes >= settings.maxBatchBytes()
          || System.nanoTime() - batch.openedAtNanos >= settings.maxBatchWait().toNanos();
    }

    private void gather(ConsumerRecords<byte[], byte[]> polled) {
      polled.forEach(gathering::add);
    }

    private void processAndCommit(Batch batch) {
      batchRecords.record(batch.records.size());
      // a partition's first batch starts at its committed offset
      batch.firstOffsets.forEach(committedOffsets::putIfAbsent);
      consumer.pause(consumer.assignment());
      inFlight = batch;
      List<ConsumerRecord<byte[], byte[]>> input = List.copyOf(batch.records);
      Future<BatchResult> result = worker.submit(() -> processor.process(input));
      BatchResult outcome = null;
      Throwable failure = null;
      try {
        while (!result.isDone()) {
          // keeps the group membership alive; paused partitions return nothing
          gather(consumer.poll(BUSY_POLL));
        }
        outcome = result.get();
      } catch (ExecutionException e) {
        failure = e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result.cancel(true);
        throw new WakeupException();
      } catch (WakeupException e) {
        result.cancel(true);
        throw e;
      } finally {
        inFlight = null;
      }
      try {
        if (!revokedWhileBusy.isEmpty()) {
          processor.rewound(Set.copyOf(revokedWhileBusy));
          revokedWhileBusy.clear();
        }
        if (batch.discarded) {
          discarded.increment();
          LOG.infof(
              "%s: partitions revoked while a batch of %d was processed; it is left to their next"
                  + " owner",
              settings.name(), batch.records.size());
          rewind(batch);
          return;
        }
        if (failure != null) {
          fail(batch, "processing", failure);
          return;
        }
        publish(batch, outcome);
      } finally {
        consumer.resume(consumer.assignment());
      }
    }

    private void publish(Batch batch, BatchResult outcome) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (var e : batch.nextOffsets.entrySet()) {
        TopicPartition tp = e.getKey();
        long offset = outcome.commitOffsets().getOrDefault(tp, e.getValue());
        if (offset < committedOffsets.get(tp) || offset > e.getValue()) {
          fail(
              batch,
              "processing",
              new IllegalStateException(
                  "commit offset " + offset + " of " + tp + " is outside the batch"));
          return;
        }
        offsets.put(tp, new OffsetAndMetadata(offset));
      }
      try {
        producer.beginTransaction();
        for (ProducerRecord<byte[], byte[]> r : outcome.records()) {
          producer.send(r); // a failed send fails the commit below
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
      } catch (KafkaException e) {
        if (isFatal(e)) {
          throw e;
        }
        try {
          producer.abortTransaction();
        } catch (RuntimeException abortFailure) {
          e.addSuppressed(abortFailure);
          throw e; // reopen the clients; initTransactions settles the open transaction
        }
        fail(batch, "publishing", e);
        return;
      }
      offsets.forEach((tp, o) -> committedOffsets.put(tp, o.offset()));
      failures = 0;
      committed.increment();
    }

    private void fail(Batch batch, String step, Throwable failure) {
      aborted.increment();
      failures++;
      Duration pause = settings.retryBackoff();
      for (int i = 1; i < failures; i++) {
        pause = longer(pause);
      }
      LOG.errorf(
          failure,
          "%s: %s a batch of %d records failed (%d in a row); retrying from the committed offsets"
              + " in %s",
          settings.name(),
          step,
          batch.records.size(),
          failures,
          pause);
      rewind(batch);
      sleep(pause);
    }

    /** Moves the batch's still-assigned partitions back to their committed offsets. */
    private void rewind(Batch batch) {
      Set<TopicPartition> assigned = consumer.assignment();
      List<TopicPartition> rewound = new ArrayList<>();
      for (TopicPartition tp : batch.firstOffsets.keySet()) {
        Long offset = committedOffsets.get(tp);
        if (assigned.contains(tp) && offset != null) {
          consumer.seek(tp, offset);
          rewound.add(tp);
        }
      }
      gathering.drop(rewound);
      processor.rewound(rewound);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      gathering.drop(partitions);
      partitions.forEach(committedOffsets::remove);
      Batch current = inFlight;
      if (current == null) {
        processor.rewound(partitions);
        return;
      }
      revokedWhileBusy.addAll(partitions);
      if (partitions.stream().anyMatch(current.firstOffsets::containsKey)) {
        current.discarded = true;
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (inFlight != null) {
        consumer.pause(partitions);
      }
    }
  }
}
