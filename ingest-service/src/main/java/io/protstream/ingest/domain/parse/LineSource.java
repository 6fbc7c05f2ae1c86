package io.protstream.ingest.domain.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them, so parsers can skip most lines by looking
 * at two bytes and feed sequence lines to a {@link
 * io.protstream.ingest.domain.sequence.SequenceBuffer} without creating strings. Tracks the line
 * number and byte offset of each line. A line longer than the limit is cut and flagged; a damaged
 * compressed stream ends the input and is reported by {@link #fault()} instead of being thrown, so
 * the records read before it still count.
 */
final class LineSource {

  private final InputStream in;
  private final FaultRecordingInputStream faults;
  private final int maxLineLength;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private boolean endOfInput;

  private byte[] line = new byte[256];
  private int lineLength;
  private boolean lineCut;
  private long lineNumber;
  private long lineOffset;
  private long consumed;

  LineSource(InputStream in, int maxLineLength) {
    this(new FaultRecordingInputStream(in), maxLineLength);
  }

  private LineSource(FaultRecordingInputStream in, int maxLineLength) {
    this(in, maxLineLength, in);
  }

  /**
   * Reads {@code in}, which reads (possibly through buffering) from {@code faults}, the stream that
   * records a damaged compressed input.
   */
  LineSource(InputStream in, int maxLineLength, FaultRecordingInputStream faults) {
    this.in = in;
    this.maxLineLength = maxLineLength;
    this.faults = faults;
  }

  /** Advances to the next line; {@code false} at the end of the input. */
  boolean next() throws IOException {
    lineLength = 0;
    lineCut = false;
    lineOffset = consumed;
    boolean sawBytes = false;
    while (true) {
      if (position >= limit && !fill()) {
        if (!sawBytes) {
          return false;
        }
        break;
      }
      sawBytes = true;
      int start = position;
      int newline = -1;
      for (int i = start; i < limit; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline >= 0 ? newline : limit;
      keep(start, end - start);
      position = newline >= 0 ? newline + 1 : limit;
      consumed += position - start;
      if (newline >= 0) {
        break;
      }
    }
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    lineNumber++;
    return true;
  }

  private void keep(int start, int count) {
    int room = maxLineLength - lineLength;
    if (count > room) {
      lineCut = true;
      count = room;
    }
    if (count <= 0) {
      return;
    }
    if (lineLength + count > line.length) {
      line =
          Arrays.copyOf(
              line, Math.max(lineLength + count, Math.min(maxLineLength, line.length * 2)));
    }
    System.arraycopy(buffer, start, line, lineLength, count);
    lineLength += count;
  }

  private boolean fill() throws IOException {
    if (endOfInput) {
      return false;
    }
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      if (read < 0) {
        endOfInput = true;
        return false;
      }
      return fill();
    }
    position = 0;
    limit = read;
    return true;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLength;
  }

  /** Whether the current line was longer than the limit and was cut. */
  boolean isCut() {
    return lineCut;
  }

  long lineNumber() {
    return lineNumber;
  }

  long offset() {
    return lineOffset;
  }

  /** Bytes consumed so far. */
  long consumed() {
    return consumed;
  }

  /** The exception that ended the input early (truncated or corrupt compressed data), if any. */
  IOException fault() {
    return faults.fault();
  }

  String text() {
    return new String(line, 0, lineLength, StandardCharsets.UTF_8);
  }

  /** The current line from {@code from} to its end. */
  String text(int from) {
    return from >= lineLength
        ? ""
        : new String(line, from, lineLength - from, StandardCharsets.UTF_8);
  }

  boolean startsWith(String ascii) {
    if (ascii.length() > lineLength) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (line[i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  boolean isBlank() {
    for (int i = 0; i < lineLength; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Whether the line holds control characters or bytes that are not printable text. */
  boolean hasBinary() {
    for (int i = 0; i < lineLength; i++) {
      int b = line[i] & 0xFF;
      if ((b < 0x20 && b != '\t') || b == 0x7F) {
        return true;
      }
    }
    return false;
  }
}
