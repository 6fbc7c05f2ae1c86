package io.protstream.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one dead-letter contract of every {@code <topic>.dlq}, whoever writes to it:
 *
 * <ul>
 *   <li><b>value</b>: the original bytes of what failed, unchanged, when there are any (the Avro
 *       record a consumer could not process; for ingest, the text of the rejected release-file
 *       record as read, at most 256 KiB); otherwise empty (zero bytes, never null). Never a
 *       description: a consumer of the dead-letter topic can always hand the value back to whatever
 *       reads the source.
 *   <li><b>key</b>: the original key when there is one (ingest: the accession if it could be read,
 *       else the source location).
 *   <li><b>headers</b>: the description, all UTF-8 text, numbers in decimal, with the names of
 *       SmallRye Reactive Messaging's Kafka dead-letter queue so records dead-lettered by the
 *       framework and by service code read the same; {@link #STAGE}, {@link #EXCEPTION}, {@link
 *       #SOURCE}, {@link #RELEASE} and {@link #VALUE_BYTES} are added.
 * </ul>
 *
 * <p>{@link #value(byte[])} gives the value, {@link #headers} the description, {@link #read} reads
 * it back.
 */
public final class DeadLetter {

  /** Why the record failed: the exception message unless the caller gives a better reason. */
  public static final String REASON = "dead-letter-reason";

  /** Message of the exception's cause, when it has one. */
  public static final String CAUSE = "dead-letter-cause";

  /** Class name of the exception's cause, when it has one. */
  public static final String CAUSE_CLASS_NAME = "dead-letter-cause-class-name";

  /** Class name of the exception. */
  public static final String EXCEPTION_CLASS_NAME = "dead-letter-exception-class-name";

  /** Topic the record was consumed from. */
  public static final String TOPIC = "dead-letter-topic";

  /** Partition the record was consumed from. */
  public static final String PARTITION = "dead-letter-partition";

  /** Offset of the record in that partition. */
  public static final String OFFSET = "dead-letter-offset";

  /** Where in the pipeline it failed, e.g. {@code embed.decode} or {@code index.write}. */
  public static final String STAGE = "dead-letter-stage";

  /** The exception as {@code class: message}. */
  public static final String EXCEPTION = "dead-letter-exception";

  /** Where in an input file the record was, {@code file:line (byte offset)}; ingest only. */
  public static final String SOURCE = "dead-letter-source";

  /** The UniProt release the record belonged to; ingest only. */
  public static final String RELEASE = "dead-letter-release";

  /**
   * How many bytes the original had, when the value holds fewer (it was cut to fit the topic).
   * Absent when the value is the whole original.
   */
  public static final String VALUE_BYTES = "dead-letter-value-bytes";

  private static final byte[] EMPTY = new byte[0];

  private DeadLetter() {}

  /**
   * What a dead-letter record says about its failure. Fields absent from the headers are null.
   *
   * @param partition -1 when absent
   * @param offset -1 when absent
   */
  public record Info(
      String reason,
      String stage,
      String exceptionClass,
      String exception,
      String causeClass,
      String cause,
      String topic,
      int partition,
      long offset) {}

  /** The value of a dead-letter record: the original bytes, or empty when there are none. */
  public static byte[] value(byte[] original) {
    return original == null ? EMPTY : original;
  }

  /**
   * Headers for a dead-letter record.
   *
   * @param reason short explanation; null to use the exception's message
   * @param stage where it failed, e.g. {@code predict.decode}
   * @param error what went wrong; may be null when the reason says it all
   */
  public static Headers headers(
      String reason, String stage, Throwable error, String topic, int partition, long offset) {
    Headers headers = new RecordHeaders();
    String text = reason != null ? reason : error != null ? messageOf(error) : "unknown";
    put(headers, REASON, text);
    put(headers, STAGE, stage);
    if (error != null) {
      put(headers, EXCEPTION_CLASS_NAME, error.getClass().getName());
      put(headers, EXCEPTION, error.getClass().getName() + ": " + error.getMessage());
      Throwable cause = error.getCause();
      if (cause != null) {
        put(headers, CAUSE_CLASS_NAME, cause.getClass().getName());
        put(headers, CAUSE, messageOf(cause));
      }
    }
    put(headers, TOPIC, topic);
    put(headers, PARTITION, Integer.toString(partition));
    put(headers, OFFSET, Long.toString(offset));
    return headers;
  }

  /**
   * Adds the dead-letter headers to existing headers (e.g. the original record's), replacing any.
   */
  public static Headers addTo(Headers target, Headers deadLetter) {
    for (Header h : deadLetter) {
      target.remove(h.key());
    }
    for (Header h : deadLetter) {
      target.add(h);
    }
    return target;
  }

  /** Reads the dead-letter headers back; the last value of a repeated header wins. */
  public static Info read(Headers headers) {
    return new Info(
        get(headers, REASON),
        get(headers, STAGE),
        get(headers, EXCEPTION_CLASS_NAME),
        get(headers, EXCEPTION),
        get(headers, CAUSE_CLASS_NAME),
        get(headers, CAUSE),
        get(headers, TOPIC),
        (int) number(headers, PARTITION),
        number(headers, OFFSET));
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  private static void put(Headers headers, String key, String value) {
    if (value != null) {
      headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String get(Headers headers, String key) {
    Header h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static long number(Headers headers, String key) {
    String text = get(headers, key);
    if (text == null) {
      return -1;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
