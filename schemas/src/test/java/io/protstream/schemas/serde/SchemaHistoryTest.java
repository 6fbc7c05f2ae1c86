package io.protstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ChangeKind;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.events.SequenceEvent;
import io.protstream.schemas.EventFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every released schema version stays readable by the current reader. */
class SchemaHistoryTest {

  private static final EventSchemaStore STORE = EventSchemaStore.instance();
  private static final Path HISTORY_DIR =
      Path.of("src/main/resources").resolve(EventSchemaStore.HISTORY_ROOT);

  record Version(Schema current, int number, Schema writer) {
    @Override
    public String toString() {
      return current.getName() + " v" + number;
    }
  }

  static Stream<Version> historyVersions() {
    List<Version> versions = new ArrayList<>();
    for (Schema current : EventSchemaStore.CURRENT_SCHEMAS) {
      List<Schema> history = STORE.history(current);
      for (int i = 0; i < history.size(); i++) {
        versions.add(new Version(current, i, history.get(i)));
      }
    }
    return versions.stream();
  }

  @Test
  void everyEventHasAReleasedEarlierVersion() {
    for (Schema current : EventSchemaStore.CURRENT_SCHEMAS) {
      assertFalse(STORE.history(current).isEmpty(), current.getName());
    }
  }

  @Test
  void storeLoadsEveryHistoryFileAndNothingElse() throws IOException {
    Set<String> onDisk = new HashSet<>();
    try (Stream<Path> files = Files.walk(HISTORY_DIR)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> onDisk.add(HISTORY_DIR.relativize(f).toString().replace('\\', '/')));
    }
    Set<String> loaded = new HashSet<>();
    for (Schema current : EventSchemaStore.CURRENT_SCHEMAS) {
      for (int v = 0; v < STORE.history(current).size(); v++) {
        loaded.add(current.getName() + "/v" + v + ".avsc");
      }
    }
    assertEquals(
        onDisk, loaded, "history files must be <Event>/v<N>.avsc numbered from 0 without gaps");
  }

  @Test
  void everySchemaIsFoundByItsFingerprint() {
    for (Schema schema : STORE.allSchemas()) {
      assertSame(schema, STORE.findByFingerprint(EventSchemaStore.fingerprint(schema)));
    }
    for (Schema current : EventSchemaStore.CURRENT_SCHEMAS) {
      assertNotNull(STORE.findByFingerprint(EventSchemaStore.fingerprint(current)));
    }
  }

  @ParameterizedTest
  @MethodSource("historyVersions")
  void releasedVersionDiffersFromLaterOnes(Version version) {
    List<Schema> history = STORE.history(version.current());
    long fingerprint = EventSchemaStore.fingerprint(version.writer());
    assertNotEquals(EventSchemaStore.fingerprint(version.current()), fingerprint);
    for (int later = version.number() + 1; later < history.size(); later++) {
      assertNotEquals(EventSchemaStore.fingerprint(history.get(later)), fingerprint);
    }
  }

  @ParameterizedTest
  @MethodSource("historyVersions")
  void currentReaderIsCompatibleWithReleasedWriter(Version version) {
    var result =
        SchemaCompatibility.checkReaderWriterCompatibility(version.current(), version.writer());
    assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(), result.getDescription());
  }

  /** The rule that makes the above hold: a field a released writer lacks must have a default. */
  @ParameterizedTest
  @MethodSource("historyVersions")
  void fieldsAddedSinceTheReleaseHaveDefaults(Version version) {
    for (Schema.Field field : version.current().getFields()) {
      if (version.writer().getField(field.name()) == null) {
        assertTrue(
            field.hasDefaultValue(), version + " lacks " + field.name() + " without default");
      }
    }
  }

  /** Fill every field of the old schema, write it as an old producer would, read it now. */
  @ParameterizedTest
  @MethodSource("historyVersions")
  void bytesWrittenWithTheReleasedSchemaDecode(Version version) throws IOException {
    SpecificRecord expected = fixtureFor(version.current());
    GenericRecord old = asOldRecord(expected, version.writer());
    byte[] bytes = writeSingleObject(old, version.writer());

    SpecificRecord decoded = codecFor(version.current()).decode(bytes);

    for (Schema.Field field : version.current().getFields()) {
      Object value = decoded.get(field.pos());
      if (version.writer().getField(field.name()) != null) {
        assertEquals(expected.get(field.pos()), value, version + " " + field.name());
      } else {
        assertEquals(GenericData.get().getDefaultValue(field), value, version + " " + field.name());
      }
    }
  }

  @Test
  void firstReleaseOfSequenceEventStillDecodes() throws IOException {
    Schema v0 = STORE.history(SequenceEvent.getClassSchema()).get(0);
    GenericRecord old = asOldRecord(EventFixtures.sequence(), v0);
    SequenceEvent event = new EventCodec<>(SequenceEvent.class).decode(writeSingleObject(old, v0));
    assertEquals(ChangeKind.SEQUENCE_CHANGED, event.getChangeKind());
    assertEquals(9606L, event.getNcbiTaxId(), "int taxid promoted to long");
    assertEquals(List.of(), event.getSecondaryAccessions());
    assertFalse(event.getEmbeddingExists());
    assertEquals(null, event.getMergedInto());
  }

  static SpecificRecord fixtureFor(Schema current) {
    return switch (current.getName()) {
      case "SequenceEvent" -> EventFixtures.sequence();
      case "ProteinEmbeddingEvent" -> EventFixtures.proteinEmbedding();
      case "ResidueEmbeddingEvent" -> EventFixtures.residueEmbedding();
      case "AnnotationEvent" -> EventFixtures.annotation();
      default -> throw new IllegalArgumentException(current.getName());
    };
  }

  static EventCodec<? extends SpecificRecord> codecFor(Schema current) {
    return switch (current.getName()) {
      case "SequenceEvent" -> new EventCodec<>(SequenceEvent.class);
      case "ProteinEmbeddingEvent" -> new EventCodec<>(ProteinEmbeddingEvent.class);
      case "ResidueEmbeddingEvent" -> new EventCodec<>(ResidueEmbeddingEvent.class);
      case "AnnotationEvent" -> new EventCodec<>(AnnotationEvent.class);
      default -> throw new IllegalArgumentException(current.getName());
    };
  }

  /** The fields of a current event that the old schema has, converted to its generic form. */
  static GenericRecord asOldRecord(SpecificRecord event, Schema oldSchema) {
    GenericRecord old = new GenericData.Record(oldSchema);
    for (Schema.Field field : oldSchema.getFields()) {
      Object value = event.get(event.getSchema().getField(field.name()).pos());
      old.put(field.name(), toGeneric(value, field.schema()));
    }
    return old;
  }

  private static Object toGeneric(Object value, Schema schema) {
    if (value instanceof java.time.Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof Enum<?> symbol) {
      Schema enumSchema =
          schema.getType() == Schema.Type.UNION
              ? schema.getTypes().stream()
                  .filter(s -> s.getType() == Schema.Type.ENUM)
                  .findFirst()
                  .get()
              : schema;
      return new GenericData.EnumSymbol(enumSchema, symbol.name());
    }
    if (value instanceof Long l && isIntOrNullableInt(schema)) {
      return Math.toIntExact(l);
    }
    return value;
  }

  private static boolean isIntOrNullableInt(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.INT);
    }
    return schema.getType() == Schema.Type.INT;
  }

  static byte[] writeSingleObject(GenericRecord record, Schema writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(EventCodec.header(EventSchemaStore.fingerprint(writer)));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
