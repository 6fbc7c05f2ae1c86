package io.protstream.schemas.serde;

import io.protstream.events.SequenceEvent;

/** Deserializer for {@link SequenceEvent}, nameable in Kafka configuration. */
public final class SequenceEventDeserializer extends AvroEventDeserializer<SequenceEvent> {
  public SequenceEventDeserializer() {
    super(SequenceEvent.class);
  }
}
