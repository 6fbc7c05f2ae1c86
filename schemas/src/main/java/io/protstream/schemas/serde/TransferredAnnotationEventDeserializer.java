package io.protstream.schemas.serde;

import io.protstream.events.TransferredAnnotationEvent;

/** Deserializer for {@link TransferredAnnotationEvent}, nameable in Kafka configuration. */
public final class TransferredAnnotationEventDeserializer
    extends AvroEventDeserializer<TransferredAnnotationEvent> {
  public TransferredAnnotationEventDeserializer() {
    super(TransferredAnnotationEvent.class);
  }
}
