package io.protstream.embed.domain;

/**
 * Why a sequence was not embedded. The record goes to the dead-letter topic with {@link #reason()}
 * as its reason; {@code error} is the failure behind it, when there is one.
 */
public record Refusal(Reason reason, String message, Throwable error) {

  /** Machine-readable reasons, used as dead-letter reasons and metric tags. */
  public enum Reason {
    /** The tokenizer refused it: no residues. */
    EMPTY,
    /** The tokenizer refused it: a character that is not a letter. */
    INVALID_CHARACTER,
    /** Longer than the configured hard limit. */
    TOO_LONG,
    /** An embeddable event without its sequence digest (the key of every output). */
    MISSING_DIGEST,
    /** The encoder failed on this sequence alone. */
    MODEL_FAILURE
  }

  public String describe() {
    return reason + ": " + message;
  }
}
