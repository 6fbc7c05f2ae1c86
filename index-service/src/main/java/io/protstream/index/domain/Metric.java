package io.protstream.index.domain;

/** How the distance between two embeddings is measured. */
public enum Metric {
  /** L2 distance; what EAT and goPredSim use on ProtT5 per-protein vectors. */
  EUCLIDEAN {
    @Override
    public double distance(float[] a, float[] b) {
      return Math.sqrt(squaredEuclidean(a, b));
    }
  },
  /** 1 - cosine similarity, in [0, 2]; a zero vector is at distance 1 from everything. */
  COSINE {
    @Override
    public double distance(float[] a, float[] b) {
      double dot = 0;
      double na = 0;
      double nb = 0;
      for (int i = 0; i < a.length; i++) {
        dot += (double) a[i] * b[i];
        na += (double) a[i] * a[i];
        nb += (double) b[i] * b[i];
      }
      if (na == 0 || nb == 0) {
        return 1.0;
      }
      return 1.0 - dot / Math.sqrt(na * nb);
    }
  };

  public abstract double distance(float[] a, float[] b);

  /** The request spelling: {@code euclidean} or {@code cosine}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static double squaredEuclidean(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dimensions differ: " + a.length + " vs " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }
}
