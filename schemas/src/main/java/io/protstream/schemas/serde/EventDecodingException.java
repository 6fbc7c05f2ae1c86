package io.protstream.schemas.serde;

/**
 * Bytes that cannot be turned into an event. Unchecked so that Kafka's deserializer contract is
 * kept; consumers route the record to the topic's dead-letter topic using {@link #reason()}.
 */
public final class EventDecodingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why decoding failed; stable names, suitable for metrics and dead-letter headers. */
  public enum Reason {
    /** No bytes at all where an event was required. */
    NULL_PAYLOAD,
    /** Fewer bytes than the 10-byte single-object header. */
    TOO_SHORT,
    /** The first two bytes are not the Avro single-object marker C3 01. */
    BAD_MAGIC,
    /** The writer schema fingerprint is not in the schema store (unknown or newer schema). */
    UNKNOWN_FINGERPRINT,
    /** The writer schema is known but describes another event type than the one expected. */
    WRONG_EVENT_TYPE,
    /** The writer schema is a version of the expected event that the current reader cannot read. */
    INCOMPATIBLE_SCHEMA,
    /** The body ended before the record was complete. */
    TRUNCATED_BODY,
    /** The body does not follow the writer schema (bad lengths, indexes, or trailing bytes). */
    CORRUPT_BODY
  }

  private final Reason reason;

  public EventDecodingException(Reason reason, String message) {
    this(reason, message, null);
  }

  public EventDecodingException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
