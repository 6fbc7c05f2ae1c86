package io.protstream.ingest.domain.parse;

import java.util.Arrays;

/**
 * The bytes of the record being read, as read, kept so a rejected record can be dead-lettered with
 * its original text. Bounded by {@link io.protstream.ingest.domain.Reject#MAX_RECORD_BYTES}: a
 * larger record keeps its start, and {@link #total()} says how long it really was.
 */
final class RecordBytes {

  private static final byte[] NONE = new byte[0];
  private static final byte[] LINE_BREAK = {'\n'};

  private byte[] buffer = new byte[1 << 12];
  private int length;
  private long total;
  private byte[] view;

  void reset() {
    length = 0;
    total = 0;
    view = null;
  }

  /** Appends one line and its line break. */
  void appendLine(byte[] bytes, int count) {
    append(bytes, 0, count);
    append(LINE_BREAK, 0, 1);
  }

  private void append(byte[] bytes, int from, int count) {
    total += count;
    int room = io.protstream.ingest.domain.Reject.MAX_RECORD_BYTES - length;
    int kept = Math.min(room, count);
    if (kept <= 0) {
      return;
    }
    if (length + kept > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(length + kept, buffer.length * 2));
    }
    System.arraycopy(bytes, from, buffer, length, kept);
    length += kept;
  }

  /** Uses {@code length} bytes of a buffer the caller already holds, copied only on a reject. */
  void useView(byte[] bytes, int count) {
    view = bytes;
    length = count;
    total = count;
  }

  /** A copy of the kept bytes; empty when none were kept. */
  byte[] copy() {
    byte[] source = view != null ? view : buffer;
    int count = Math.min(length, io.protstream.ingest.domain.Reject.MAX_RECORD_BYTES);
    return count == 0 ? NONE : Arrays.copyOf(source, count);
  }

  long total() {
    return total;
  }
}
