package io.protstream.ingest.domain.parse;

/**
 * Limits that keep parsing in bounded memory whatever the input holds.
 *
 * @param maxSequenceLength the longest sequence accepted; longer ones are rejected as {@code
 *     OVERSIZE}. The default, 40,000, is above every UniProtKB/Swiss-Prot sequence (titin, 34,350
 *     residues) and well above what the embedding model reads at once.
 * @param maxLineLength the longest line kept; the rest of a longer line is dropped and its record
 *     rejected. It bounds memory on binary input without newlines.
 * @param maxXmlEntryBytes the largest XML entry read; a larger one is rejected as {@code OVERSIZE}.
 */
public record ParserOptions(int maxSequenceLength, int maxLineLength, int maxXmlEntryBytes) {

  public static final int DEFAULT_MAX_SEQUENCE_LENGTH = 40_000;

  public ParserOptions {
    if (maxSequenceLength < 1 || maxLineLength < 80 || maxXmlEntryBytes < 1024) {
      throw new IllegalArgumentException("limits too small to read UniProt records");
    }
  }

  public static ParserOptions defaults() {
    return new ParserOptions(DEFAULT_MAX_SEQUENCE_LENGTH, 4 << 20, 64 << 20);
  }

  public ParserOptions withMaxSequenceLength(int max) {
    return new ParserOptions(max, maxLineLength, maxXmlEntryBytes);
  }
}
