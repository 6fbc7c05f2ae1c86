package io.protstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.events.SequenceEvent;
import io.protstream.schemas.EventFixtures;
import io.protstream.schemas.Topics;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventRoundTripTest {

  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of(
            EventFixtures.sequence(),
            SequenceEventSerializer.class,
            SequenceEventDeserializer.class),
        Arguments.of(
            EventFixtures.merged(), SequenceEventSerializer.class, SequenceEventDeserializer.class),
        Arguments.of(
            EventFixtures.proteinEmbedding(),
            ProteinEmbeddingEventSerializer.class,
            ProteinEmbeddingEventDeserializer.class),
        Arguments.of(
            EventFixtures.residueEmbedding(),
            ResidueEmbeddingEventSerializer.class,
            ResidueEmbeddingEventDeserializer.class),
        Arguments.of(
            EventFixtures.annotation(),
            AnnotationEventSerializer.class,
            AnnotationEventDeserializer.class));
  }

  /** Kafka instantiates serdes by class name through the no-arg constructor; do the same. */
  @SuppressWarnings("unchecked")
  @ParameterizedTest
  @MethodSource("events")
  void roundTripsThroughKafkaSerdes(
      SpecificRecord event, Class<?> serializerClass, Class<?> deserializerClass) throws Exception {
    try (Serializer<SpecificRecord> serializer =
            (Serializer<SpecificRecord>) serializerClass.getDeclaredConstructor().newInstance();
        Deserializer<SpecificRecord> deserializer =
            (Deserializer<SpecificRecord>)
                deserializerClass.getDeclaredConstructor().newInstance()) {
      byte[] bytes = serializer.serialize("any-topic", event);
      SpecificRecord back = deserializer.deserialize("any-topic", bytes);
      assertEquals(event, back);
      assertEquals(event.getClass(), back.getClass());
    }
  }

  @ParameterizedTest
  @MethodSource("events")
  void carriesTheSingleObjectHeader(SpecificRecord event) {
    byte[] bytes = codecFor(event).encode(event);
    long fingerprint = EventSchemaStore.fingerprint(event.getSchema());
    assertArrayEquals(EventCodec.header(fingerprint), Arrays.copyOf(bytes, 10));
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    assertEquals((byte) fingerprint, bytes[2], "fingerprint is little-endian");
  }

  /** The wire format is Avro's own: bytes interoperate with Avro's message encoder and decoder. */
  @ParameterizedTest
  @MethodSource("events")
  void interoperatesWithAvroMessageEncoding(SpecificRecord event) throws Exception {
    SpecificData model = SpecificData.getForSchema(event.getSchema());
    BinaryMessageEncoder<SpecificRecord> avroEncoder =
        new BinaryMessageEncoder<>(model, event.getSchema());
    BinaryMessageDecoder<SpecificRecord> avroDecoder =
        new BinaryMessageDecoder<>(model, event.getSchema());

    byte[] ours = codecFor(event).encode(event);
    assertEquals(event, avroDecoder.decode(ours));
    ByteBuffer theirs = avroEncoder.encode(event);
    byte[] theirBytes = new byte[theirs.remaining()];
    theirs.get(theirBytes);
    assertArrayEquals(ours, theirBytes);
  }

  @Test
  void nullIsATombstoneBothWays() {
    try (var serializer = new AnnotationEventSerializer();
        var deserializer = new AnnotationEventDeserializer()) {
      assertNull(serializer.serialize(Topics.ANNOTATIONS, null));
      assertNull(deserializer.deserialize(Topics.ANNOTATIONS, null));
    }
  }

  @Test
  void incompleteEventIsASerializationException() {
    try (var serializer = new SequenceEventSerializer()) {
      assertThrows(
          SerializationException.class, () -> serializer.serialize("t", new SequenceEvent()));
    }
  }

  @Test
  void residueMatrixSurvivesTheRoundTrip() {
    ResidueEmbeddingEvent event = EventFixtures.residueEmbedding();
    EventCodec<ResidueEmbeddingEvent> codec = new EventCodec<>(ResidueEmbeddingEvent.class);
    ResidueEmbeddingEvent back = codec.decode(codec.encode(event));
    assertEquals(2 * back.getLength() * back.getDimension(), back.getResidues().remaining());
    assertEquals(event.getResidues(), back.getResidues());
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> EventCodec<T> codecFor(SpecificRecord event) {
    return new EventCodec<>((Class<T>) event.getClass());
  }
}
