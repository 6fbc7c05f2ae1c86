package io.protstream.support.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What a {@link BatchProcessor} made of a batch.
 *
 * @param records outputs and dead letters, published in this order in the batch's transaction
 * @param commitOffsets per partition, the offset to commit when the processor has not finished
 *     every record of the batch (it must be between the partition's first offset in the batch and
 *     one past its last); the consumer keeps reading from where it is, so the processor holds the
 *     unfinished records itself until it is told {@link BatchProcessor#rewound}. Partitions not
 *     named commit one past their last record.
 */
public record BatchResult(
    List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, Long> commitOffsets) {

  public BatchResult {
    records = List.copyOf(records);
    commitOffsets = Map.copyOf(commitOffsets);
  }

  /** Every record of the batch finished; publish these. */
  public static BatchResult of(List<ProducerRecord<byte[], byte[]>> records) {
    return new BatchResult(records, Map.of());
  }
}
