package io.protstream.schemas.serde;

import io.protstream.events.TransferredAnnotationEvent;

/** Serializer for {@link TransferredAnnotationEvent}, nameable in Kafka configuration. */
public final class TransferredAnnotationEventSerializer
    extends AvroEventSerializer<TransferredAnnotationEvent> {
  public TransferredAnnotationEventSerializer() {
    super(TransferredAnnotationEvent.class);
  }
}
