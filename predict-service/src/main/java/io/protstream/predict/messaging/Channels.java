package io.protstream.predict.messaging;

/** Channel names of predict-service (topics are bound in application.properties). */
public final class Channels {

  /** Incoming: {@code protein.residue-embeddings.v1}. */
  public static final String RESIDUE_EMBEDDINGS_IN = "residue-embeddings-in";

  private Channels() {}
}
