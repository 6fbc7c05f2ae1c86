package io.protstream.schemas.serde;

import io.protstream.events.ProteinEmbeddingEvent;

/** Serializer for {@link ProteinEmbeddingEvent}, nameable in Kafka configuration. */
public final class ProteinEmbeddingEventSerializer
    extends AvroEventSerializer<ProteinEmbeddingEvent> {
  public ProteinEmbeddingEventSerializer() {
    super(ProteinEmbeddingEvent.class);
  }
}
