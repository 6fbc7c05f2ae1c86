package io.protstream.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 attributes of every event on a public topic, in the Kafka protocol binding's
 * binary mode: the Avro value stays the record's value, and the attributes travel as {@code ce_*}
 * headers, so generic consumers can route and deduplicate without decoding Avro.
 *
 * <p>{@code ce_id} is stable for the same fact: re-sending an event (a re-announced ingest window,
 * a re-run after a crash) repeats its id, so {@code (ce_source, ce_id)} deduplicates.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";

  /** The binding puts the data content type in the plain {@code content-type} header. */
  public static final String CONTENT_TYPE = "content-type";

  /** Avro single-object encoding; the schema is found by the fingerprint in the value's header. */
  public static final String AVRO_CONTENT_TYPE = "application/avro";

  /** Event types, one per topic; the version follows the topic's. */
  public static final String SEQUENCE_TYPE = "io.protstream.uniprot.sequence.v1";

  public static final String PROTEIN_EMBEDDING_TYPE = "io.protstream.protein.embedding.v1";
  public static final String RESIDUE_EMBEDDING_TYPE = "io.protstream.protein.residue-embedding.v1";
  public static final String ANNOTATION_TYPE = "io.protstream.protein.annotation.v1";
  public static final String TRANSFERRED_ANNOTATION_TYPE =
      "io.protstream.protein.transferred-annotation.v1";

  private CloudEventHeaders() {}

  /**
   * Sets the CloudEvents headers on a record's headers, replacing earlier values.
   *
   * @param source the producing service, e.g. {@code /protstream/ingest-service}
   * @param subject the accession or sequence digest the event is about (the record's key)
   * @param id stable identity of the fact, see the class comment
   */
  public static Headers addTo(
      Headers headers, String type, String source, String subject, String id, Instant time) {
    put(headers, SPEC_VERSION, "1.0");
    put(headers, ID, id);
    put(headers, SOURCE, source);
    put(headers, TYPE, type);
    put(headers, SUBJECT, subject);
    put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(time));
    put(headers, CONTENT_TYPE, AVRO_CONTENT_TYPE);
    return headers;
  }

  /** The value of one header, or null. */
  public static String get(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void put(Headers headers, String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " is required");
    }
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
