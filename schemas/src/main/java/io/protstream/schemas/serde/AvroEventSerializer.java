package io.protstream.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer writing Avro single-object encoding (no schema registry). A null event is
 * written as a null value, i.e. a tombstone on compacted topics.
 */
public class AvroEventSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final EventCodec<T> codec;

  public AvroEventSerializer(Class<T> type) {
    this.codec = new EventCodec<>(type);
  }

  @Override
  public byte[] serialize(String topic, T event) {
    if (event == null) {
      return null;
    }
    try {
      return codec.encode(event);
    } catch (IllegalArgumentException e) {
      throw new SerializationException("cannot serialize for topic " + topic, e);
    }
  }
}
