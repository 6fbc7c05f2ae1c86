package io.protstream.index.domain;

/** The embedding service could not embed a query sequence. */
public class EmbedderUnavailableException extends SearchException {

  public EmbedderUnavailableException(String message) {
    super(Kind.EMBEDDER_UNAVAILABLE, message, null);
  }
}
