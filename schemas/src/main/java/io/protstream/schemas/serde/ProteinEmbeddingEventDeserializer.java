package io.protstream.schemas.serde;

import io.protstream.events.ProteinEmbeddingEvent;

/** Deserializer for {@link ProteinEmbeddingEvent}, nameable in Kafka configuration. */
public final class ProteinEmbeddingEventDeserializer
    extends AvroEventDeserializer<ProteinEmbeddingEvent> {
  public ProteinEmbeddingEventDeserializer() {
    super(ProteinEmbeddingEvent.class);
  }
}
