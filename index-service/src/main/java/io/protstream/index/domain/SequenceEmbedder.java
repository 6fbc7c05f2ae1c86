package io.protstream.index.domain;

/** Turns a sequence into a per-protein embedding (embed-service's {@code POST /embed}). */
public interface SequenceEmbedder {

  /** The embedding and the model that made it; throws {@link EmbedderUnavailableException}. */
  EmbeddedSequence embed(String sequence);

  record EmbeddedSequence(String modelId, float[] vector) {}
}
