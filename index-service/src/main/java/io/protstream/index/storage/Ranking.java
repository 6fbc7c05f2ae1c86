package io.protstream.index.storage;

import io.protstream.index.domain.Metric;
import io.protstream.index.domain.ScoredDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Keeps the n nearest of a stream of candidates by exact distance. */
final class Ranking {

  private static final Comparator<ScoredDigest> NEAREST_FIRST =
      Comparator.comparingDouble(ScoredDigest::distance).thenComparing(ScoredDigest::digest);

  private final float[] query;
  private final int n;
  private final Metric metric;
  private final PriorityQueue<ScoredDigest> farthestFirst =
      new PriorityQueue<>(NEAREST_FIRST.reversed());

  Ranking(float[] query, int n, Metric metric) {
    this.query = query;
    this.n = n;
    this.metric = metric;
  }

  void offer(String digest, float[] vector) {
    if (vector.length != query.length || n <= 0) {
      return;
    }
    ScoredDigest candidate = new ScoredDigest(digest, metric.distance(query, vector), vector);
    if (farthestFirst.size() < n) {
      farthestFirst.add(candidate);
    } else if (NEAREST_FIRST.compare(candidate, farthestFirst.peek()) < 0) {
      farthestFirst.poll();
      farthestFirst.add(candidate);
    }
  }

  List<ScoredDigest> nearestFirst() {
    List<ScoredDigest> out = new ArrayList<>(farthestFirst);
    out.sort(NEAREST_FIRST);
    return out;
  }
}
