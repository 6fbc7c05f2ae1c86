package io.protstream.support.kafka;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The transform step of a {@link TransactionalLoop}: turns a batch of consumed records into the
 * records to publish for it. Whatever it returns (outputs and dead letters alike) is published in
 * one Kafka transaction together with the batch's consumed offsets, so each input has its effect
 * exactly once.
 *
 * <p>Called on the loop's worker thread, one batch at a time. It must have no side effects outside
 * the returned records: a batch is processed again after an abort, a crash or a rebalance. A record
 * that cannot be processed is answered with a dead letter ({@link LoopRecords#deadLetter});
 * throwing means the whole batch failed for a reason that may pass (it is retried with backoff).
 */
@FunctionalInterface
public interface BatchProcessor {

  /**
   * @param batch records in poll order (per partition in offset order); keys and values are the raw
   *     bytes, null for a null key or a tombstone
   */
  BatchResult process(List<ConsumerRecord<byte[], byte[]>> batch) throws Exception;

  /**
   * The loop moved these partitions back to their committed offsets (a failed batch, a rebalance):
   * their records will be consumed again, so state held for them must be forgotten. Never called
   * while {@link #process} runs.
   */
  default void rewound(Collection<TopicPartition> partitions) {}
}
