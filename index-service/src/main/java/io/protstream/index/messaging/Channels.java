package io.protstream.index.messaging;

/** Channel names of index-service (topics are bound in application.properties). */
public final class Channels {

  /** Incoming: {@code protein.embeddings.v1}. */
  public static final String PROTEIN_EMBEDDINGS_IN = "protein-embeddings-in";

  private Channels() {}
}
