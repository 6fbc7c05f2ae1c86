package io.protstream.model.tokenizer;

/**
 * A sequence that cannot be tokenized. Services turn it into a dead-letter record, so it carries a
 * machine-readable {@link Reason} besides the message.
 */
public final class InvalidSequenceException extends IllegalArgumentException {

  /** Why a sequence was refused. */
  public enum Reason {
    EMPTY,
    INVALID_CHARACTER
  }

  private final Reason reason;
  private final int position;

  private InvalidSequenceException(Reason reason, int position, String message) {
    super(message);
    this.reason = reason;
    this.position = position;
  }

  static InvalidSequenceException empty() {
    return new InvalidSequenceException(Reason.EMPTY, -1, "sequence is empty");
  }

  static InvalidSequenceException invalidCharacter(char c, int position) {
    String shown = Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
    return new InvalidSequenceException(
        Reason.INVALID_CHARACTER,
        position,
        "invalid character " + shown + " at position " + (position + 1) + ": only letters allowed");
  }

  public Reason reason() {
    return reason;
  }

  /** Zero-based index of the offending character, or -1 where the reason has none. */
  public int position() {
    return position;
  }
}
