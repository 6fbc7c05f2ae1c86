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
import io.protstream.events.TransferredAnnotationEvent;
import io.protstream.schemas.EventFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

/**
 * The schema-history rule: {@code history/<Event>/v<N>.avsc} holds every released version, the
 * newest equal to the current schema; released files never change; and every version stays readable
 * by the current reader.
 */
class SchemaHistoryTest {

  private static final EventSchemaStore STORE = EventSchemaStore.instance();
  private static final Path HISTORY_DIR =
      Path.of("src/main/resources").resolve(EventSchemaStore.HISTORY_ROOT);

  /** The released history files and their SHA-256, in the history folder. */
  static final String RELEASED_LIST = "RELEASED.sha256";

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

  /**
   * The schema as written in {@code src/main/avro} (shared types from {@code common/} resolved),
   * not the generated class's copy, which carries the Java string-type property on every string.
   */
  private static Schema sourceSchema(String event) {
    Path avro = Path.of("src/main/avro");
    Schema.Parser parser = new Schema.Parser();
    try (Stream<Path> common = Files.list(avro.resolve("common"))) {
      for (Path shared : common.sorted().toList()) {
        parser.parse(shared.toFile());
      }
      return parser.parse(avro.resolve(event + ".avsc").toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The newest history version is the current schema, doc included (fingerprints ignore docs, so
   * the JSON is compared): a reader always knows the exact schema its own release writes, and any
   * edit of a current schema shows up here as a missing history version.
   */
  @Test
  void currentSchemaIsTheNewestHistoryVersionExactly() {
    for (Schema current : EventSchemaStore.CURRENT_SCHEMAS) {
      String event = current.getName();
      List<Schema> history = STORE.history(current);
      assertFalse(
          history.isEmpty(),
          event
              + " has no history: copy its schema (self-contained, shared types inlined) to "
              + EventSchemaStore.historyPath(event, 0)
              + " and add its line to "
              + RELEASED_LIST);
      int newest = history.size() - 1;
      assertEquals(
          history.get(newest).toString(true),
          sourceSchema(event).toString(true),
          event
              + ": the current schema differs from "
              + EventSchemaStore.historyPath(event, newest)
              + ". If that version is listed in "
              + RELEASED_LIST
              + " it is released and must not change: copy the current schema (self-contained,"
              + " shared types inlined) to "
              + EventSchemaStore.historyPath(event, newest + 1)
              + " and list it there. If it is not listed yet, update it to the current schema.");
    }
  }

  /**
   * A released history file never changes, not even its docs: {@value #RELEASED_LIST} holds the
   * SHA-256 of every one of them ({@code sha256sum <Event>/v<N>.avsc} run in the history folder).
   */
  @Test
  void releasedHistoryFilesNeverChange() throws IOException {
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, String> e : releasedDigests().entrySet()) {
      Path file = HISTORY_DIR.resolve(e.getKey());
      if (!Files.isRegularFile(file)) {
        changed.add(e.getKey() + " (deleted)");
      } else if (!e.getValue().equals(sha256(file))) {
        changed.add(e.getKey() + " (SHA-256 now " + sha256(file) + ")");
      }
    }
    assertEquals(
        List.of(),
        changed,
        "released schema versions never change, docs included: restore these files as released"
            + " (git show <release>:<file>) and put the change in a new v<N+1>.avsc");
  }

  /** Every history file is listed once it exists, so that the rule above covers it. */
  @Test
  void everyHistoryFileIsListedAsReleased() throws IOException {
    Map<String, String> released = releasedDigests();
    List<String> missing = new ArrayList<>();
    for (String file : historyFilesOnDisk()) {
      if (!released.containsKey(file)) {
        missing.add(sha256(HISTORY_DIR.resolve(file)) + "  " + file);
      }
    }
    assertEquals(
        List.of(),
        missing,
        "history files not yet in "
            + HISTORY_DIR.resolve(RELEASED_LIST)
            + ": once a version is final, add its line as shown");
  }

  private static Map<String, String> releasedDigests() throws IOException {
    Map<String, String> digests = new LinkedHashMap<>();
    for (String line : Files.readAllLines(HISTORY_DIR.resolve(RELEASED_LIST))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      assertEquals(2, parts.length, RELEASED_LIST + ": '<sha256>  <Event>/v<N>.avsc' per line");
      assertTrue(
          digests.put(parts[1], parts[0]) == null,
          parts[1] + " is listed twice in " + RELEASED_LIST);
    }
    return digests;
  }

  private static Set<String> historyFilesOnDisk() throws IOException {
    Set<String> onDisk = new TreeSet<>();
    try (Stream<Path> files = Files.walk(HISTORY_DIR)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".avsc"))
          .forEach(f -> onDisk.add(HISTORY_DIR.relativize(f).toString().replace('\\', '/')));
    }
    return onDisk;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void storeLoadsEveryHistoryFileAndNothingElse() throws IOException {
    Set<String> onDisk = historyFilesOnDisk();
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

  /** No version repeats a later one; a version may differ in docs only (docs are released too). */
  @ParameterizedTest
  @MethodSource("historyVersions")
  void versionDiffersFromLaterOnes(Version version) {
    List<Schema> history = STORE.history(version.current());
    for (int later = version.number() + 1; later < history.size(); later++) {
      assertNotEquals(
          history.get(later).toString(true),
          version.writer().toString(true),
          version + " v" + later);
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
      case "TransferredAnnotationEvent" -> TransferredAnnotationEventSerdeTest.event();
      default -> throw new IllegalArgumentException(current.getName());
    };
  }

  static EventCodec<? extends SpecificRecord> codecFor(Schema current) {
    return switch (current.getName()) {
      case "SequenceEvent" -> new EventCodec<>(SequenceEvent.class);
      case "ProteinEmbeddingEvent" -> new EventCodec<>(ProteinEmbeddingEvent.class);
      case "ResidueEmbeddingEvent" -> new EventCodec<>(ResidueEmbeddingEvent.class);
      case "AnnotationEvent" -> new EventCodec<>(AnnotationEvent.class);
      case "TransferredAnnotationEvent" -> new EventCodec<>(TransferredAnnotationEvent.class);
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
