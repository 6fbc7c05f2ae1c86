package io.protstream.model.io;

/**
 * One FASTA entry: the header line without {@code >}, and the sequence with line breaks removed.
 */
public record FastaRecord(String header, String sequence) {

  /**
   * The entry's identifier: the UniProt accession for {@code sp|ACC|NAME} and {@code tr|ACC|NAME}
   * headers, otherwise the header's first word. This is how UniProt names per-protein datasets.
   */
  public String id() {
    String firstWord = header.strip().split("\\s+", 2)[0];
    if (firstWord.startsWith("sp|") || firstWord.startsWith("tr|")) {
      String[] parts = firstWord.split("\\|");
      if (parts.length >= 2 && !parts[1].isEmpty()) {
        return parts[1];
      }
    }
    return firstWord;
  }
}
