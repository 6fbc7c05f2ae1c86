package io.protstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.protstream.events.TransferredAnnotationEvent;
import io.protstream.events.TransferredGoTerm;
import io.protstream.events.TransferredLabel;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TransferredAnnotationEventSerdeTest {

  static TransferredAnnotationEvent event() {
    return TransferredAnnotationEvent.newBuilder()
        .setSequenceDigest("d".repeat(64))
        .setAccessions(List.of("A0A000XYZ1"))
        .setModelId("prott5-0123456789ab")
        .setGoTerms(
            List.of(
                TransferredGoTerm.newBuilder()
                    .setId("GO:0005737")
                    .setAspect("C")
                    .setReliabilityIndex(0.5 / (0.5 + 0.25))
                    .setDistance(0.25)
                    .setSourceAccession("P69905")
                    .build()))
        .setEcNumbers(List.of(label("3.1.1.4", 0.5)))
        .setKeywords(List.of(label("Membrane", 1.0), label("Transmembrane helix", 1.0)))
        .setSubcellularLocations(List.of())
        .setCreatedAt(Instant.parse("2025-02-05T10:15:30.123Z"))
        .build();
  }

  private static TransferredLabel label(String text, double distance) {
    return TransferredLabel.newBuilder()
        .setLabel(text)
        .setDistance(distance)
        .setReliabilityIndex(0.5 / (0.5 + distance))
        .setSourceAccession("Q9XYZ1")
        .build();
  }

  @Test
  void roundTripsThroughTheKafkaSerdes() {
    try (var serializer = new TransferredAnnotationEventSerializer();
        var deserializer = new TransferredAnnotationEventDeserializer()) {
      TransferredAnnotationEvent event = event();
      byte[] bytes = serializer.serialize("protein.transferred-annotations.v1", event);
      assertEquals(event, deserializer.deserialize("protein.transferred-annotations.v1", bytes));
      assertNull(serializer.serialize("t", null));
      assertNull(deserializer.deserialize("t", null));
    }
  }

  @Test
  void otherEventBytesAreRefused() {
    byte[] sequenceBytes =
        new SequenceEventSerializer()
            .serialize("t", io.protstream.schemas.EventFixtures.sequence());
    EventDecodingException e =
        assertThrows(
            EventDecodingException.class,
            () -> new TransferredAnnotationEventDeserializer().deserialize("t", sequenceBytes));
    assertEquals(EventDecodingException.Reason.WRONG_EVENT_TYPE, e.reason());
  }

  @Test
  void incompleteEventIsASerializationException() {
    try (var serializer = new TransferredAnnotationEventSerializer()) {
      assertThrows(
          SerializationException.class,
          () -> serializer.serialize("t", new TransferredAnnotationEvent()));
    }
  }

  /** The released version 0 is this schema, and readers find it by its fingerprint. */
  @Test
  void releasedVersionZeroIsTheCurrentSchemaAndIsRegistered() throws IOException {
    Schema current = TransferredAnnotationEvent.getClassSchema();
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream(EventSchemaStore.historyPath("TransferredAnnotationEvent", 0))) {
      Schema v0 = new Schema.Parser().parse(in);
      assertEquals(EventSchemaStore.fingerprint(current), EventSchemaStore.fingerprint(v0));
    }
    Schema found =
        EventSchemaStore.instance().findByFingerprint(EventSchemaStore.fingerprint(current));
    assertEquals(current.getFullName(), found.getFullName());
    assertEquals(EventSchemaStore.fingerprint(current), EventSchemaStore.fingerprint(found));
  }
}
