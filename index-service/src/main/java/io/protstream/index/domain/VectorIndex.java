package io.protstream.index.domain;

import java.util.List;

/**
 * A nearest-neighbour index over the searchable per-protein embeddings. Every implementation
 * answers with exact distances (approximate ones re-rank their candidates), so results of different
 * implementations compare directly.
 */
public interface VectorIndex {

  IndexMethod method();

  /** Makes {@code digest} findable with {@code vector}, replacing what it was indexed with. */
  void put(String digest, float[] vector);

  /** Makes {@code digest} unfindable; nothing of it stays in the index. */
  void remove(String digest);

  /**
   * Up to {@code n} indexed digests nearest to {@code query}, nearest first, with exact distances.
   */
  List<ScoredDigest> nearest(float[] query, int n, Metric metric);
}
