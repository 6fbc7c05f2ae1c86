package io.protstream.ingest.domain;

/**
 * A record that was not accepted, with enough context to find it in the source.
 *
 * @param location where the rejected record starts
 * @param accession the record's primary accession when it could be read, otherwise {@code null}
 * @param reason the machine-readable cause
 * @param message a human-readable explanation
 */
public record Reject(
    SourceLocation location, String accession, RejectReason reason, String message) {

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
