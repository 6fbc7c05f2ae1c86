package io.protstream.ingest.domain.parse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Recognises the format from the first bytes of the (uncompressed) content, never from the file
 * name: release files are renamed, mirrored and served under generic names. FASTA starts with
 * {@code >}, the flat file with an {@code ID} line, and UniProt XML with markup that names a {@code
 * uniprot} or {@code entry} element near the top.
 */
public final class FormatSniffer {

  static final int PEEK_BYTES = 8192;

  private FormatSniffer() {}

  /** Looks at the head of {@code in} and resets it; {@code in} must support mark/reset. */
  public static UniProtFormat sniff(BufferedInputStream in) throws IOException {
    in.mark(PEEK_BYTES);
    byte[] head = in.readNBytes(PEEK_BYTES);
    in.reset();
    return sniff(head, head.length);
  }

  static UniProtFormat sniff(byte[] head, int length) {
    int i = 0;
    if (length >= 3
        && (head[0] & 0xFF) == 0xEF
        && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < length && isSpace(head[i])) {
      i++;
    }
    if (i >= length) {
      return UniProtFormat.UNKNOWN;
    }
    if (head[i] == '>') {
      return UniProtFormat.FASTA;
    }
    if (startsWith(head, i, length, "ID   ")) {
      return UniProtFormat.FLAT_FILE;
    }
    if (head[i] == '<') {
      String text = new String(head, i, length - i, StandardCharsets.UTF_8);
      if (text.contains("<uniprot") || text.contains("<entry")) {
        return UniProtFormat.XML;
      }
      return UniProtFormat.UNKNOWN;
    }
    return isText(head, length) ? firstRecordStart(head, length) : UniProtFormat.UNKNOWN;
  }

  /**
   * For text that starts with something else (a stray line, a banner): the format of the first line
   * that opens a UniProtKB record. The parser then rejects what precedes it.
   */
  private static UniProtFormat firstRecordStart(byte[] head, int length) {
    for (int i = 0; i < length - 1; i++) {
      if (head[i] != '\n') {
        continue;
      }
      if (startsWith(head, i + 1, length, ">sp|") || startsWith(head, i + 1, length, ">tr|")) {
        return UniProtFormat.FASTA;
      }
      if (startsWith(head, i + 1, length, "ID   ")) {
        return UniProtFormat.FLAT_FILE;
      }
    }
    return UniProtFormat.UNKNOWN;
  }

  private static boolean isText(byte[] head, int length) {
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xFF;
      if (b < 0x20 && b != '\t' && b != '\r' && b != '\n' || b == 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static boolean startsWith(byte[] head, int from, int length, String ascii) {
    if (length - from < ascii.length()) {
      return false;
    }
    for (int j = 0; j < ascii.length(); j++) {
      if (head[from + j] != ascii.charAt(j)) {
        return false;
      }
    }
    return true;
  }
}
