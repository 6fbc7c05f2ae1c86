package io.protstream.schemas.serde;

import io.protstream.events.SequenceEvent;

/** Serializer for {@link SequenceEvent}, nameable in Kafka configuration. */
public final class SequenceEventSerializer extends AvroEventSerializer<SequenceEvent> {
  public SequenceEventSerializer() {
    super(SequenceEvent.class);
  }
}
