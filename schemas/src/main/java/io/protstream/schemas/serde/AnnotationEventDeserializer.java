package io.protstream.schemas.serde;

import io.protstream.events.AnnotationEvent;

/** Deserializer for {@link AnnotationEvent}, nameable in Kafka configuration. */
public final class AnnotationEventDeserializer extends AvroEventDeserializer<AnnotationEvent> {
  public AnnotationEventDeserializer() {
    super(AnnotationEvent.class);
  }
}
