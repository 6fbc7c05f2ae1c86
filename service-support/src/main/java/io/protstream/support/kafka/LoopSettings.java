package io.protstream.support.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link TransactionalLoop} reads, batches and writes. Build with {@link #builder}; every
 * bound has a default.
 *
 * @param name names the loop's threads, log lines and metrics ({@code loop} tag)
 * @param groupId consumer group; every instance of a service shares it
 * @param topics the topics consumed
 * @param transactionalId stable per service instance (a restarted instance must reuse its id, so
 *     that it fences its predecessor and aborts what that one left open); two live instances must
 *     never share one
 * @param maxBatchWait how long records are gathered after the first one arrives before the batch is
 *     processed
 * @param maxBatchRecords a batch is processed once it holds this many records
 * @param maxBatchBytes ... or this many key and value bytes; with {@code maxPollRecords} these
 *     bound the work held: at most one batch plus one poll
 * @param maxPollRecords {@code max.poll.records}
 * @param maxPartitionFetchBytes {@code max.partition.fetch.bytes}
 * @param maxFetchBytes {@code fetch.max.bytes}
 * @param maxRequestSize the producer's {@code max.request.size}: the largest record it may write
 * @param retryBackoff first pause after a failed batch; doubled per consecutive failure
 * @param maxRetryBackoff longest pause
 * @param consumerOverrides extra consumer settings, applied last
 * @param producerOverrides extra producer settings, applied last
 */
public record LoopSettings(
    String name,
    String bootstrapServers,
    String groupId,
    List<String> topics,
    String transactionalId,
    Duration maxBatchWait,
    int maxBatchRecords,
    long maxBatchBytes,
    int maxPollRecords,
    int maxPartitionFetchBytes,
    int maxFetchBytes,
    int maxRequestSize,
    Duration retryBackoff,
    Duration maxRetryBackoff,
    Map<String, Object> consumerOverrides,
    Map<String, Object> producerOverrides) {

  public LoopSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(transactionalId, "transactionalId");
    topics = List.copyOf(topics);
    consumerOverrides = Map.copyOf(consumerOverrides);
    producerOverrides = Map.copyOf(producerOverrides);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("no topic to consume");
    }
    if (maxBatchRecords < 1 || maxBatchBytes < 1 || maxPollRecords < 1) {
      throw new IllegalArgumentException("batch bounds must be positive");
    }
    if (maxBatchWait.isNegative() || retryBackoff.isNegative() || maxRetryBackoff.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  public static Builder builder(
      String name,
      String bootstrapServers,
      String groupId,
      List<String> topics,
      String transactionalId) {
    return new Builder(name, bootstrapServers, groupId, topics, transactionalId);
  }

  /** Defaults: 200 ms wait, 256 records or 16 MiB per batch, 1 MiB fetches, 1 MiB requests. */
  public static final class Builder {
    private final String name;
    private final String bootstrapServers;
    private final String groupId;
    private final List<String> topics;
    private final String transactionalId;
    private Duration maxBatchWait = Duration.ofMillis(200);
    private int maxBatchRecords = 256;
    private long maxBatchBytes = 16L * 1024 * 1024;
    private int maxPollRecords = 100;
    private int maxPartitionFetchBytes = 1024 * 1024;
    private int maxFetchBytes = 16 * 1024 * 1024;
    private int maxRequestSize = 1024 * 1024;
    private Duration retryBackoff = Duration.ofMillis(200);
    private Duration maxRetryBackoff = Duration.ofSeconds(10);
    private Map<String, Object> consumerOverrides = Map.of();
    private Map<String, Object> producerOverrides = Map.of();

    private Builder(
        String name,
        String bootstrapServers,
        String groupId,
        List<String> topics,
        String transactionalId) {
      this.name = name;
      this.bootstrapServers = bootstrapServers;
      this.groupId = groupId;
      this.topics = topics;
      this.transactionalId = transactionalId;
    }

    public Builder maxBatchWait(Duration value) {
      maxBatchWait = value;
      return this;
    }

    public Builder maxBatchRecords(int value) {
      maxBatchRecords = value;
      return this;
    }

    public Builder maxBatchBytes(long value) {
      maxBatchBytes = value;
      return this;
    }

    public Builder maxPollRecords(int value) {
      maxPollRecords = value;
      return this;
    }

    public Builder maxPartitionFetchBytes(int value) {
      maxPartitionFetchBytes = value;
      return this;
    }

    public Builder maxFetchBytes(int value) {
      maxFetchBytes = value;
      return this;
    }

    public Builder maxRequestSize(int value) {
      maxRequestSize = value;
      return this;
    }

    public Builder retryBackoff(Duration first, Duration max) {
      retryBackoff = first;
      maxRetryBackoff = max;
      return this;
    }

    public Builder consumerOverrides(Map<String, Object> value) {
      consumerOverrides = value;
      return this;
    }

    public Builder producerOverrides(Map<String, Object> value) {
      producerOverrides = value;
      return this;
    }

    public LoopSettings build() {
      return new LoopSettings(
          name,
          bootstrapServers,
          groupId,
          topics,
          transactionalId,
          maxBatchWait,
          maxBatchRecords,
          maxBatchBytes,
          maxPollRecords,
          maxPartitionFetchBytes,
          maxFetchBytes,
          maxRequestSize,
          retryBackoff,
          maxRetryBackoff,
          consumerOverrides,
          producerOverrides);
    }
  }
}
