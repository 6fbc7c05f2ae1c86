package io.protstream.ingest.domain;

/**
 * Where a record starts in its source.
 *
 * @param file the name of the file (or stream) the record came from
 * @param line the 1-based line number of the record's first line, or {@code -1} when unknown
 * @param offset the byte offset of the record's first byte in the uncompressed content, or {@code
 *     -1} when unknown (the XML reader reports lines only)
 */
public record SourceLocation(String file, long line, long offset) {

  public static SourceLocation of(String file, long line, long offset) {
    return new SourceLocation(file, line, offset);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file);
    if (line >= 0) {
      text.append(':').append(line);
    }
    if (offset >= 0) {
      text.append(" (byte ").append(offset).append(')');
    }
    return text.toString();
  }
}
