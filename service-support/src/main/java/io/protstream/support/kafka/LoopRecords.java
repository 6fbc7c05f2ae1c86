package io.protstream.support.kafka;

import io.protstream.schemas.DeadLetter;
import io.protstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The records a {@link BatchProcessor} returns: outputs and dead letters. */
public final class LoopRecords {

  private LoopRecords() {}

  /** An output keyed by UTF-8 text (the project's key format). */
  public static ProducerRecord<byte[], byte[]> output(String topic, String key, byte[] value) {
    return new ProducerRecord<>(
        topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }

  /**
   * The consumed record, key and value bytes unchanged, for {@code <topic>.dlq} with its original
   * headers plus the {@link DeadLetter} headers.
   *
   * @param reason short machine-readable reason, e.g. {@code TOO_LONG}; null to use the error's
   *     message
   * @param stage where it failed, e.g. {@code embed.decode}
   * @param error the failure, or null when the reason says it all
   */
  public static ProducerRecord<byte[], byte[]> deadLetter(
      ConsumerRecord<byte[], byte[]> source, String reason, String stage, Throwable error) {
    Headers headers = new RecordHeaders(source.headers().toArray());
    DeadLetter.addTo(
        headers,
        DeadLetter.headers(
            reason, stage, error, source.topic(), source.partition(), source.offset()));
    return new ProducerRecord<>(
        Topics.dlqOf(source.topic()), null, source.key(), source.value(), headers);
  }
}
