package io.protstream.schemas.serde;

import io.protstream.events.AnnotationEvent;

/** Serializer for {@link AnnotationEvent}, nameable in Kafka configuration. */
public final class AnnotationEventSerializer extends AvroEventSerializer<AnnotationEvent> {
  public AnnotationEventSerializer() {
    super(AnnotationEvent.class);
  }
}
