package io.protstream.schemas.serde;

import io.protstream.schemas.serde.EventDecodingException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of one event type: {@code C3 01}, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint (little-endian), then the Avro binary body. Decoding resolves the writer
 * schema through {@link EventSchemaStore} and maps every failure to an {@link
 * EventDecodingException}. Thread-safe.
 */
public final class EventCodec<T extends SpecificRecord> {

  /** Single-object encoding marker. */
  static final byte MAGIC_0 = (byte) 0xC3;

  static final byte MAGIC_1 = (byte) 0x01;
  static final int HEADER_LENGTH = 10;

  private final Class<T> type;
  private final Schema schema;
  private final SpecificData model;
  private final byte[] header;
  private final SchemaStore store;
  private final Map<Long, Schema> compatibleWriters = new ConcurrentHashMap<>();

  public EventCodec(Class<T> type) {
    this(type, EventSchemaStore.instance());
  }

  /** A codec resolving writer schemas from another store (tests, tools). */
  public EventCodec(Class<T> type, SchemaStore store) {
    this.type = type;
    this.model = modelFor(type);
    this.schema = model.getSchema(type);
    this.store = store;
    this.header = header(EventSchemaStore.fingerprint(schema));
  }

  /**
   * The generated class's data model, but resolving record classes through the class's own loader:
   * frameworks with layered class loaders (Quarkus tests, application servers) otherwise get a
   * second copy of the class from the thread's context loader and fail with a ClassCastException.
   */
  private static SpecificData modelFor(Class<?> type) {
    SpecificData generated = SpecificData.getForClass(type);
    SpecificData model = new SpecificData(type.getClassLoader());
    generated.getConversions().forEach(model::addLogicalTypeConversion);
    return model;
  }

  public Schema schema() {
    return schema;
  }

  /** Encodes with the current schema. */
  public byte[] encode(T event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(header, 0, header.length);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<T>(schema, model).write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    } catch (RuntimeException e) {
      // a required field left null, a string where bytes belong, ...
      throw new IllegalArgumentException(
          "cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** The 10-byte single-object header for a schema fingerprint. */
  public static byte[] header(long fingerprint) {
    byte[] h = new byte[HEADER_LENGTH];
    h[0] = MAGIC_0;
    h[1] = MAGIC_1;
    for (int i = 0; i < 8; i++) {
      h[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return h;
  }

  /** Decodes one message; never returns null. */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      throw new EventDecodingException(Reason.NULL_PAYLOAD, "no bytes for " + type.getSimpleName());
    }
    if (bytes.length < HEADER_LENGTH) {
      throw new EventDecodingException(
          Reason.TOO_SHORT, bytes.length + " bytes, the header alone has " + HEADER_LENGTH);
    }
    if (bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
      throw new EventDecodingException(
          Reason.BAD_MAGIC,
          String.format("starts with %02X %02X, expected C3 01", bytes[0] & 0xFF, bytes[1] & 0xFF));
    }
    long fingerprint = 0;
    for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
      fingerprint = (fingerprint << 8) | (bytes[i] & 0xFF);
    }
    Schema writer = writerSchema(fingerprint);
    BoundedBinaryDecoder decoder =
        new BoundedBinaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH);
    T event;
    try {
      event = new SpecificDatumReader<T>(writer, schema, model).read(null, decoder);
    } catch (EOFException e) {
      throw new EventDecodingException(Reason.TRUNCATED_BODY, e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new EventDecodingException(Reason.CORRUPT_BODY, String.valueOf(e.getMessage()), e);
    }
    if (decoder.remaining() != 0) {
      throw new EventDecodingException(
          Reason.CORRUPT_BODY, decoder.remaining() + " bytes after the end of the record");
    }
    return event;
  }

  private Schema writerSchema(long fingerprint) {
    Schema known = compatibleWriters.get(fingerprint);
    if (known != null) {
      return known;
    }
    Schema writer = store.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new EventDecodingException(
          Reason.UNKNOWN_FINGERPRINT,
          String.format("writer schema %016x is not in the schema store", fingerprint));
    }
    if (!writer.getFullName().equals(schema.getFullName())) {
      throw new EventDecodingException(
          Reason.WRONG_EVENT_TYPE,
          "message holds " + writer.getFullName() + ", expected " + schema.getFullName());
    }
    var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(schema, writer);
    if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
      throw new EventDecodingException(
          Reason.INCOMPATIBLE_SCHEMA,
          String.format(
              "writer schema %016x of %s: %s",
              fingerprint, schema.getName(), compatibility.getDescription()));
    }
    compatibleWriters.put(fingerprint, writer);
    return writer;
  }
}
