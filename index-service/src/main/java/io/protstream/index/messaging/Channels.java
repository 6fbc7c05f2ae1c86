package io.protstream.index.messaging;

/** Channel names of index-service (topics are bound in application.properties). */
public final class Channels {

  /** Incoming: {@code protein.embeddings.v1}. */
  public static final String PROTEIN_EMBEDDINGS_IN = "protein-embeddings-in";

  /** Incoming: {@code protein.annotations.v1}. */
  public static final String ANNOTATIONS_IN = "annotations-in";

  /** Incoming: {@code uniprot.sequences.v1}. */
  public static final String SEQUENCES_IN = "sequences-in";

  /**
   * Worker pool of the embedding consumer: records are stored concurrently, its size bounded by
   * {@code smallrye.messaging.worker.index-writers.max-concurrency}.
   */
  public static final String INDEX_WRITERS = "index-writers";

  /** Outgoing: {@code protein.transferred-annotations.v1}. */
  public static final String TRANSFERRED_ANNOTATIONS_OUT = "transferred-annotations-out";

  private Channels() {}
}
