package io.protstream.ingest.domain;

/**
 * A record that was not accepted, with enough context to find it in the source.
 *
 * @param location where the rejected record starts
 * @param accession the record's primary accession when it could be read, otherwise {@code null}
 * @param reason the machine-readable cause
 * @param message a human-readable explanation
 * @param record the record's bytes as read, at most {@link #MAX_RECORD_BYTES}; empty when there is
 *     no record (e.g. a compressed stream that breaks between records)
 * @param recordBytes how many bytes the record had; more than {@code record.length} when it was cut
 */
public record Reject(
    SourceLocation location,
    String accession,
    RejectReason reason,
    String message,
    byte[] record,
    long recordBytes) {

  /** Most bytes of a rejected record kept (the dead-letter topic takes 2 MiB per message). */
  public static final int MAX_RECORD_BYTES = 256 << 10;

  /** A reject with no record text to keep. */
  public Reject(SourceLocation location, String accession, RejectReason reason, String message) {
    this(location, accession, reason, message, new byte[0], 0);
  }

  public String file() {
    return location.file();
  }

  public long line() {
    return location.line();
  }

  public long offset() {
    return location.offset();
  }
}
