package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.Reject;
import io.protstream.ingest.domain.RejectReason;
import io.protstream.ingest.domain.SourceLocation;
import io.protstream.ingest.domain.UniProtEntry;
import java.io.EOFException;
import java.io.IOException;

/** What a format parser needs besides its input: the source name, limits, listener and counters. */
final class ParseContext implements ParseListener {

  final String source;
  final ParserOptions options;
  private final ParseListener listener;
  private long entries;
  private long rejects;
  private boolean incomplete;

  ParseContext(String source, ParserOptions options, ParseListener listener) {
    this.source = source;
    this.options = options;
    this.listener = listener;
  }

  @Override
  public void onEntry(UniProtEntry entry) {
    entries++;
    listener.onEntry(entry);
  }

  @Override
  public void onReject(Reject reject) {
    rejects++;
    listener.onReject(reject);
  }

  void reject(SourceLocation at, String accession, RejectReason reason, String message) {
    onReject(new Reject(at, accession, reason, message));
  }

  /** Rejects a line that belongs to no record, with the line as read (bounded). */
  void rejectLine(SourceLocation at, RejectReason reason, String message, LineSource line) {
    int kept = Math.min(line.length(), Reject.MAX_RECORD_BYTES);
    onReject(
        new Reject(
            at, null, reason, message, java.util.Arrays.copyOf(line.bytes(), kept), line.length()));
  }

  SourceLocation at(long line, long offset) {
    return new SourceLocation(source, line, offset);
  }

  /** Marks the input as not read to a proper end; the release it belongs to is then incomplete. */
  void markIncomplete() {
    incomplete = true;
  }

  /**
   * Reports a damaged compressed stream that ended the input. A record cut off by it was already
   * rejected by the parser; this adds a reject for the input itself when no record was open.
   */
  void reportFault(IOException fault, SourceLocation at, boolean recordWasOpen) {
    markIncomplete();
    if (!recordWasOpen) {
      reject(at, null, faultReason(fault), "input ends abruptly: " + fault.getMessage());
    }
  }

  static RejectReason faultReason(IOException fault) {
    return fault instanceof EOFException ? RejectReason.TRUNCATED : RejectReason.CORRUPT_INPUT;
  }

  long entries() {
    return entries;
  }

  long rejects() {
    return rejects;
  }

  boolean isIncomplete() {
    return incomplete;
  }
}
