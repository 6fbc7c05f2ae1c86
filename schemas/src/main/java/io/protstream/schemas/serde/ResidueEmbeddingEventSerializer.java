package io.protstream.schemas.serde;

import io.protstream.events.ResidueEmbeddingEvent;

/** Serializer for {@link ResidueEmbeddingEvent}, nameable in Kafka configuration. */
public final class ResidueEmbeddingEventSerializer
    extends AvroEventSerializer<ResidueEmbeddingEvent> {
  public ResidueEmbeddingEventSerializer() {
    super(ResidueEmbeddingEvent.class);
  }
}
