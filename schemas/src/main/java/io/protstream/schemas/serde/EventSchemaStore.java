package io.protstream.schemas.serde;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.events.SequenceEvent;
import io.protstream.events.TransferredAnnotationEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema a protstream writer may have used: the current schema of each event plus every
 * released earlier version kept under {@value #HISTORY_ROOT}{@code <Event>/v<N>.avsc}, numbered
 * from 0 without gaps. Readers use it to find the writer schema named by a message's fingerprint,
 * which replaces a schema registry: a consumer built with this module can read anything written by
 * a producer built with this or any earlier release of it.
 */
public final class EventSchemaStore implements SchemaStore {

  /** Classpath folder of the released schema versions. */
  public static final String HISTORY_ROOT = "io/protstream/schemas/history/";

  /** The current schema of every event type, in pipeline order. */
  public static final List<Schema> CURRENT_SCHEMAS =
      List.of(
          SequenceEvent.getClassSchema(),
          ProteinEmbeddingEvent.getClassSchema(),
          ResidueEmbeddingEvent.getClassSchema(),
          AnnotationEvent.getClassSchema(),
          TransferredAnnotationEvent.getClassSchema());

  private static final EventSchemaStore INSTANCE = load();

  private final Map<Long, Schema> byFingerprint;
  private final Map<String, List<Schema>> historyByEvent;

  private EventSchemaStore(Map<Long, Schema> byFingerprint, Map<String, List<Schema>> history) {
    this.byFingerprint = byFingerprint;
    this.historyByEvent = history;
  }

  /** The store of this module's schemas; loaded once. */
  public static EventSchemaStore instance() {
    return INSTANCE;
  }

  /** CRC-64-AVRO fingerprint of the schema's parsing canonical form, as carried in messages. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** Released earlier versions of an event (index = version number), oldest first. */
  public List<Schema> history(Schema current) {
    return historyByEvent.getOrDefault(current.getFullName(), List.of());
  }

  /** Every schema in the store: history versions and current schemas. */
  public List<Schema> allSchemas() {
    return List.copyOf(byFingerprint.values());
  }

  private static EventSchemaStore load() {
    Map<Long, Schema> byFingerprint = new LinkedHashMap<>();
    Map<String, List<Schema>> history = new HashMap<>();
    for (Schema current : CURRENT_SCHEMAS) {
      List<Schema> versions = loadHistory(current);
      history.put(current.getFullName(), Collections.unmodifiableList(versions));
      for (Schema s : versions) {
        register(byFingerprint, s);
      }
      register(byFingerprint, current);
    }
    return new EventSchemaStore(Collections.unmodifiableMap(byFingerprint), history);
  }

  private static void register(Map<Long, Schema> byFingerprint, Schema schema) {
    Schema previous = byFingerprint.putIfAbsent(fingerprint(schema), schema);
    if (previous != null && !previous.getFullName().equals(schema.getFullName())) {
      throw new IllegalStateException(
          "fingerprint collision between "
              + previous.getFullName()
              + " and "
              + schema.getFullName());
    }
  }

  private static List<Schema> loadHistory(Schema current) {
    List<Schema> versions = new ArrayList<>();
    ClassLoader loader = EventSchemaStore.class.getClassLoader();
    for (int v = 0; ; v++) {
      String path = historyPath(current.getName(), v);
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          return versions;
        }
        Schema schema = new Schema.Parser().parse(in);
        if (!schema.getFullName().equals(current.getFullName())) {
          throw new IllegalStateException(path + " defines " + schema.getFullName());
        }
        versions.add(schema);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
  }

  /** Classpath location of version {@code version} of the event with simple name {@code event}. */
  public static String historyPath(String event, int version) {
    return HISTORY_ROOT + event + "/v" + version + ".avsc";
  }
}
