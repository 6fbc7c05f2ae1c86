package io.protstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.events.SequenceEvent;
import io.protstream.schemas.EventFixtures;
import io.protstream.schemas.serde.EventDecodingException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Whatever arrives on a topic, the reader answers with an event or a typed decoding error. */
class CorruptBytesTest {

  private final EventCodec<SequenceEvent> sequences = new EventCodec<>(SequenceEvent.class);
  private final byte[] valid = sequences.encode(EventFixtures.sequence());

  private static Reason reasonOf(Executable decode) {
    return assertThrows(EventDecodingException.class, decode).reason();
  }

  @Test
  void nullBytesAreRejectedByTheCodecButAreATombstoneForKafka() {
    assertEquals(Reason.NULL_PAYLOAD, reasonOf(() -> sequences.decode(null)));
    try (var deserializer = new SequenceEventDeserializer()) {
      assertNull(deserializer.deserialize("t", null));
    }
  }

  @Test
  void shorterThanTheHeader() {
    for (int n = 0; n < 10; n++) {
      byte[] bytes = Arrays.copyOf(valid, n);
      assertEquals(Reason.TOO_SHORT, reasonOf(() -> sequences.decode(bytes)), n + " bytes");
    }
  }

  @Test
  void wrongMagic() {
    byte[] bytes = valid.clone();
    bytes[0] = 0x4F; // e.g. a plain JSON or string value
    assertEquals(Reason.BAD_MAGIC, reasonOf(() -> sequences.decode(bytes)));
    byte[] otherVersion = valid.clone();
    otherVersion[1] = 0x02;
    assertEquals(Reason.BAD_MAGIC, reasonOf(() -> sequences.decode(otherVersion)));
  }

  @Test
  void unknownFingerprint() {
    byte[] bytes = valid.clone();
    bytes[5] ^= 0x10;
    EventDecodingException e =
        assertThrows(EventDecodingException.class, () -> sequences.decode(bytes));
    assertEquals(Reason.UNKNOWN_FINGERPRINT, e.reason());
  }

  @Test
  void anotherEventTypeOnTheTopic() {
    byte[] annotation = new EventCodec<>(AnnotationEvent.class).encode(EventFixtures.annotation());
    assertEquals(Reason.WRONG_EVENT_TYPE, reasonOf(() -> sequences.decode(annotation)));
    try (var deserializer = new ProteinEmbeddingEventDeserializer()) {
      assertEquals(
          Reason.WRONG_EVENT_TYPE, reasonOf(() -> deserializer.deserialize("t", annotation)));
    }
  }

  @Test
  void writerSchemaTheReaderCannotResolve() {
    Schema incompatible =
        SchemaBuilder.record("SequenceEvent")
            .namespace("io.protstream.events")
            .fields()
            .requiredInt("accession")
            .endRecord();
    SchemaStore.Cache store = new SchemaStore.Cache();
    store.addSchema(incompatible);
    EventCodec<SequenceEvent> codec = new EventCodec<>(SequenceEvent.class, store);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(EventCodec.header(EventSchemaStore.fingerprint(incompatible)));
    out.write(2); // accession = 1
    assertEquals(Reason.INCOMPATIBLE_SCHEMA, reasonOf(() -> codec.decode(out.toByteArray())));
  }

  @Test
  void everyTruncationIsReportedAsTruncated() {
    for (int n = 10; n < valid.length; n++) {
      byte[] bytes = Arrays.copyOf(valid, n);
      assertEquals(Reason.TRUNCATED_BODY, reasonOf(() -> sequences.decode(bytes)), n + " bytes");
    }
  }

  @Test
  void trailingBytesAreCorrupt() {
    byte[] bytes = Arrays.copyOf(valid, valid.length + 1);
    assertEquals(Reason.CORRUPT_BODY, reasonOf(() -> sequences.decode(bytes)));
  }

  @Test
  void negativeStringLengthIsCorrupt() {
    byte[] bytes = valid.clone();
    bytes[10] = 0x01; // zig-zag -1 as the length of accession
    assertEquals(Reason.CORRUPT_BODY, reasonOf(() -> sequences.decode(bytes)));
  }

  @Test
  void hugeLengthIsRejectedBeforeAllocating() {
    byte[] bytes = valid.clone();
    // accession length = 2^31 - 1 as a zig-zag varint
    byte[] huge = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
    byte[] patched = new byte[bytes.length + huge.length - 1];
    System.arraycopy(bytes, 0, patched, 0, 10);
    System.arraycopy(huge, 0, patched, 10, huge.length);
    System.arraycopy(bytes, 11, patched, 10 + huge.length, bytes.length - 11);
    assertEquals(Reason.TRUNCATED_BODY, reasonOf(() -> sequences.decode(patched)));
  }

  @Test
  void hugeArrayCountIsRejectedBeforeAllocating() {
    ProteinEmbeddingEvent event = EventFixtures.proteinEmbedding();
    event.setAccessions(java.util.List.of());
    event.setVector(java.util.List.of());
    EventCodec<ProteinEmbeddingEvent> codec = new EventCodec<>(ProteinEmbeddingEvent.class);
    byte[] bytes = codec.encode(event);
    // the empty vector's terminating 0 follows the model id and the 2-byte dimension varint
    byte[] modelId = event.getModelId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int vectorAt = indexOf(bytes, modelId) + modelId.length + 2;
    assertEquals(0, bytes[vectorAt]);
    byte[] patched = new byte[bytes.length + 4];
    System.arraycopy(bytes, 0, patched, 0, vectorAt);
    byte[] count = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
    System.arraycopy(count, 0, patched, vectorAt, count.length);
    System.arraycopy(bytes, vectorAt + 1, patched, vectorAt + 5, bytes.length - vectorAt - 1);
    assertEquals(Reason.TRUNCATED_BODY, reasonOf(() -> codec.decode(patched)));
  }

  @Test
  void enumIndexOutOfRangeIsCorrupt() {
    SequenceEvent event = EventFixtures.merged();
    byte[] bytes = sequences.encode(event);
    // accession, empty secondaryAccessions, releaseId, then the enum index
    int at = 10 + 1 + event.getAccession().length() + 1 + 1 + event.getReleaseId().length();
    assertEquals(2 * event.getChangeKind().ordinal(), bytes[at]);
    bytes[at] = 40; // index 20
    assertEquals(Reason.CORRUPT_BODY, reasonOf(() -> sequences.decode(bytes)));
  }

  @Test
  void unionIndexOutOfRangeIsCorrupt() {
    SequenceEvent event = EventFixtures.merged();
    byte[] bytes = sequences.encode(event);
    // mergedInto's union index follows the enum
    int at = 10 + 1 + event.getAccession().length() + 1 + 1 + event.getReleaseId().length() + 1;
    assertEquals(2, bytes[at]);
    bytes[at] = 6; // index 3 of a 2-branch union
    assertEquals(Reason.CORRUPT_BODY, reasonOf(() -> sequences.decode(bytes)));
  }

  /** Random damage to every event type: decoded or typed error, never anything else. */
  @Test
  void randomDamageNeverEscapesAsAnotherException() {
    Random random = new Random(42);
    java.util.Set<Reason> seen = java.util.EnumSet.noneOf(Reason.class);
    for (SpecificRecord event : EventFixtures.all()) {
      EventCodec<SpecificRecord> codec = codecOf(event);
      byte[] good = codec.encode(event);
      for (int i = 0; i < 3_000; i++) {
        byte[] bad = good.clone();
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
          bad[10 + random.nextInt(bad.length - 10)] = (byte) random.nextInt(256);
        }
        if (random.nextInt(4) == 0) {
          bad = Arrays.copyOf(bad, 10 + random.nextInt(bad.length - 10));
        }
        try {
          codec.decode(bad);
        } catch (EventDecodingException expected) {
          seen.add(expected.reason());
        } catch (RuntimeException | Error e) {
          fail(event.getSchema().getName() + " leaked " + e, e);
        }
      }
      assertEquals(java.util.EnumSet.of(Reason.TRUNCATED_BODY, Reason.CORRUPT_BODY), seen);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @SuppressWarnings("unchecked")
  private static EventCodec<SpecificRecord> codecOf(SpecificRecord event) {
    return new EventCodec<>((Class<SpecificRecord>) event.getClass());
  }
}
