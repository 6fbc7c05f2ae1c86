package io.protstream.embed.messaging;

/** Channel names of embed-service (topics are bound in application.properties). */
public final class Channels {

  /** Incoming: {@code uniprot.sequences.v1}. */
  public static final String SEQUENCES_IN = "sequences-in";

  private Channels() {}
}
