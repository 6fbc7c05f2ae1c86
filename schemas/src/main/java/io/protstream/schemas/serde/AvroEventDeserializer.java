package io.protstream.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for Avro single-object encoding; older writer schemas are resolved from
 * {@link EventSchemaStore}. A null value (tombstone) gives null; any other undecodable value throws
 * {@link EventDecodingException}.
 */
public class AvroEventDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final EventCodec<T> codec;

  public AvroEventDeserializer(Class<T> type) {
    this.codec = new EventCodec<>(type);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    return codec.decode(data);
  }
}
