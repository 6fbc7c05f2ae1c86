package io.protstream.ingest.domain.sequence;

/**
 * The residue letters a UniProtKB sequence may contain: the 20 standard amino acids, U
 * (selenocysteine), O (pyrrolysine), and the ambiguity codes B (D or N), Z (E or Q) and X
 * (unknown). J (I or L) is not used by UniProtKB and is rejected, as are gaps, stop symbols, digits
 * and every other character.
 *
 * <p>Lowercase letters are accepted and folded to uppercase: case carries no meaning in a protein
 * sequence, and the CRC64 and the digest are defined over uppercase letters. Spaces, tabs and
 * carriage returns are layout (the flat file groups residues by ten) and are skipped.
 */
public final class ResidueAlphabet {

  /** The residue letters, uppercase. */
  public static final String LETTERS = "ACDEFGHIKLMNPQRSTVWYUOBZX";

  /** Marks a layout byte in {@link #CLASSES}. */
  static final byte LAYOUT = -1;

  /** Marks a byte that is not a residue in {@link #CLASSES}. */
  static final byte INVALID = 0;

  /** For each byte value: the uppercase residue letter, {@link #LAYOUT} or {@link #INVALID}. */
  static final byte[] CLASSES = buildClasses();

  private ResidueAlphabet() {}

  private static byte[] buildClasses() {
    byte[] classes = new byte[256];
    for (char letter : LETTERS.toCharArray()) {
      classes[letter] = (byte) letter;
      classes[Character.toLowerCase(letter)] = (byte) letter;
    }
    classes[' '] = LAYOUT;
    classes['\t'] = LAYOUT;
    classes['\r'] = LAYOUT;
    classes['\n'] = LAYOUT;
    return classes;
  }

  public static boolean isResidue(char c) {
    return c < 256 && CLASSES[c] > 0;
  }
}
