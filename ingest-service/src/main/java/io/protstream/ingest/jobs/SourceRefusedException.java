package io.protstream.ingest.jobs;

/** A release source that the configuration does not allow; the message names the rule. */
public final class SourceRefusedException extends IllegalArgumentException {

  private final String rule;

  SourceRefusedException(String rule, String message) {
    super("source refused (" + rule + "): " + message);
    this.rule = rule;
  }

  /** The rule that refused it, e.g. {@code allowed-directories}. */
  public String rule() {
    return rule;
  }
}
