package io.protstream.model.tokenizer;

/**
 * ProtT5's preprocessing and vocabulary: one token per residue, {@code </s>} appended.
 *
 * <p>The published SentencePiece model maps each amino-acid letter to one piece, so the ids are a
 * fixed table; no SentencePiece runtime is needed. Rare residues U, Z, O and B are mapped to X
 * first, as the ProtTrans authors do before tokenizing, and other letters become {@code <unk>}.
 */
public final class ProtT5Tokenizer {

  public static final int PAD_ID = 0;
  public static final int EOS_ID = 1;
  public static final int UNK_ID = 2;

  /** Residue letters in id order, starting at id 3. */
  private static final String RESIDUES = "ALGVSREDTIPKFQNYMHWCXBOUZ";

  private static final int[] ID_BY_LETTER = new int[26];

  static {
    java.util.Arrays.fill(ID_BY_LETTER, UNK_ID);
    for (int i = 0; i < RESIDUES.length(); i++) {
      ID_BY_LETTER[RESIDUES.charAt(i) - 'A'] = 3 + i;
    }
    int x = ID_BY_LETTER['X' - 'A'];
    for (char rare : new char[] {'U', 'Z', 'O', 'B'}) {
      ID_BY_LETTER[rare - 'A'] = x;
    }
  }

  /**
   * Token ids of a sequence, {@code </s>} included, so the result is one longer than the input.
   *
   * @throws InvalidSequenceException if the sequence is empty or holds anything but ASCII letters
   */
  public int[] encode(CharSequence sequence) {
    int n = sequence.length();
    if (n == 0) {
      throw InvalidSequenceException.empty();
    }
    int[] ids = new int[n + 1];
    for (int i = 0; i < n; i++) {
      ids[i] = idOf(sequence.charAt(i), i);
    }
    ids[n] = EOS_ID;
    return ids;
  }

  /** Checks a sequence without allocating its ids; same errors as {@link #encode}. */
  public void validate(CharSequence sequence) {
    if (sequence.length() == 0) {
      throw InvalidSequenceException.empty();
    }
    for (int i = 0; i < sequence.length(); i++) {
      idOf(sequence.charAt(i), i);
    }
  }

  private static int idOf(char c, int position) {
    char upper = (c >= 'a' && c <= 'z') ? (char) (c - 32) : c;
    if (upper < 'A' || upper > 'Z') {
      throw InvalidSequenceException.invalidCharacter(c, position);
    }
    return ID_BY_LETTER[upper - 'A'];
  }
}
