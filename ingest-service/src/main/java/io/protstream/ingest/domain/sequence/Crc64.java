package io.protstream.ingest.domain.sequence;

/**
 * The CRC64 that UniProtKB prints on flat-file SQ lines and in the XML {@code checksum} attribute:
 * the ISO 3309 polynomial x^64 + x^4 + x^3 + x + 1, bit-reflected, initial value 0, no final XOR,
 * computed over the residue letters. It is a weak checksum (collisions are known), which is why the
 * release diff keys sequences by {@link SequenceDigest} instead; here it only checks that a record
 * arrived intact.
 */
public final class Crc64 {

  /** The ISO polynomial's low-order terms, bit-reversed into the top byte. */
  private static final long REFLECTED_POLYNOMIAL = 0xD800000000000000L;

  private static final long[] TABLE = buildTable();

  private long value;

  private static long[] buildTable() {
    long[] table = new long[256];
    for (int i = 0; i < 256; i++) {
      long remainder = i;
      for (int bit = 0; bit < 8; bit++) {
        remainder =
            (remainder & 1) != 0 ? (remainder >>> 1) ^ REFLECTED_POLYNOMIAL : remainder >>> 1;
      }
      table[i] = remainder;
    }
    return table;
  }

  public void reset() {
    value = 0;
  }

  public void update(int octet) {
    value = TABLE[(int) ((value ^ octet) & 0xFF)] ^ (value >>> 8);
  }

  public long value() {
    return value;
  }

  public static long of(CharSequence residues) {
    Crc64 crc = new Crc64();
    for (int i = 0; i < residues.length(); i++) {
      crc.update(residues.charAt(i));
    }
    return crc.value();
  }

  public static String hexOf(CharSequence residues) {
    return hex(of(residues));
  }

  /** The value as UniProt prints it: 16 uppercase hex digits. */
  public static String hex(long value) {
    String digits = Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    return "0".repeat(16 - digits.length()) + digits;
  }

  /** Whether {@code text} has the printed form of a CRC64: exactly 16 hex digits. */
  public static boolean isWellFormed(String text) {
    if (text == null || text.length() != 16) {
      return false;
    }
    for (int i = 0; i < 16; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
