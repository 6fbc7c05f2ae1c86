package io.protstream.schemas.serde;

import io.protstream.events.ResidueEmbeddingEvent;

/** Deserializer for {@link ResidueEmbeddingEvent}, nameable in Kafka configuration. */
public final class ResidueEmbeddingEventDeserializer
    extends AvroEventDeserializer<ResidueEmbeddingEvent> {
  public ResidueEmbeddingEventDeserializer() {
    super(ResidueEmbeddingEvent.class);
  }
}
