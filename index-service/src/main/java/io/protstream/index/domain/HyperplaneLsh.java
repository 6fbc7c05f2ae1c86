package io.protstream.index.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Random-hyperplane (SimHash) hashing with multi-probe queries. Each of {@code tables} tables
 * hashes a vector to {@code bits} bits, bit j being the side of hyperplane j the vector lies on.
 * Hyperplanes pass through {@code center} (a point of the data, not the origin: mean-pooled
 * embeddings all lie in a narrow cone around their mean, where hyperplanes through the origin would
 * put everything in one bucket) and are drawn from {@code seed}, so every replica that reads the
 * same seed and center computes the same buckets.
 *
 * <p>A query probes, per table, its own bucket and the buckets reached by flipping the bits whose
 * hyperplanes pass closest to it, in increasing order of the summed squared margins (Lv et al.,
 * "Multi-probe LSH", VLDB 2007): those are the buckets a near neighbour most likely fell into.
 */
public final class HyperplaneLsh {

  /** Bits fit a signed 64-bit bucket code. */
  public static final int MAX_BITS = 62;

  private final int bits;
  private final int tables;
  private final float[] center;
  private final float[][] planes;

  public HyperplaneLsh(long seed, float[] center, int bits, int tables) {
    if (bits < 1 || bits > MAX_BITS) {
      throw new IllegalArgumentException("bits must be 1.." + MAX_BITS + ": " + bits);
    }
    if (tables < 1) {
      throw new IllegalArgumentException("tables must be positive: " + tables);
    }
    this.bits = bits;
    this.tables = tables;
    this.center = center.clone();
    this.planes = new float[bits * tables][center.length];
    Random random = new Random(seed);
    for (float[] plane : planes) {
      double norm = 0;
      for (int i = 0; i < plane.length; i++) {
        plane[i] = (float) random.nextGaussian();
        norm += (double) plane[i] * plane[i];
      }
      // unit normals make the margins distances, comparable across hyperplanes
      float scale = (float) (1.0 / Math.sqrt(norm));
      for (int i = 0; i < plane.length; i++) {
        plane[i] *= scale;
      }
    }
  }

  public int dimension() {
    return center.length;
  }

  public int tables() {
    return tables;
  }

  /** The bucket code of {@code vector} in each table. */
  public long[] codes(float[] vector) {
    double[] margins = margins(vector);
    long[] codes = new long[tables];
    for (int t = 0; t < tables; t++) {
      codes[t] = code(margins, t);
    }
    return codes;
  }

  /**
   * Per table, the codes to probe: the vector's own bucket first, then up to {@code extraProbes}
   * neighbouring buckets, most likely first.
   */
  public long[][] probes(float[] vector, int extraProbes) {
    double[] margins = margins(vector);
    long[][] probes = new long[tables][];
    for (int t = 0; t < tables; t++) {
      long home = code(margins, t);
      List<long[]> flips = perturbations(margins, t, extraProbes);
      probes[t] = new long[1 + flips.size()];
      probes[t][0] = home;
      for (int p = 0; p < flips.size(); p++) {
        probes[t][p + 1] = home ^ flips.get(p)[0];
      }
    }
    return probes;
  }

  private double[] margins(float[] vector) {
    if (vector.length != center.length) {
      throw new IllegalArgumentException(
          "vector has dimension " + vector.length + ", the hash " + center.length);
    }
    double[] margins = new double[planes.length];
    for (int p = 0; p < planes.length; p++) {
      float[] plane = planes[p];
      double dot = 0;
      for (int i = 0; i < vector.length; i++) {
        dot += (double) plane[i] * (vector[i] - center[i]);
      }
      margins[p] = dot;
    }
    return margins;
  }

  private long code(double[] margins, int table) {
    long code = 0;
    for (int b = 0; b < bits; b++) {
      if (margins[table * bits + b] >= 0) {
        code |= 1L << b;
      }
    }
    return code;
  }

  /**
   * The {@code count} cheapest bit-flip sets of a table as XOR masks, by the shift/expand heap of
   * Lv et al.: sets are index sets into the bits sorted by margin, each set's score the sum of its
   * squared margins, and every set is generated exactly once in increasing score.
   */
  private List<long[]> perturbations(double[] margins, int table, int count) {
    List<long[]> masks = new ArrayList<>(count);
    if (count <= 0) {
      return masks;
    }
    Integer[] order = new Integer[bits];
    double[] squared = new double[bits];
    for (int b = 0; b < bits; b++) {
      order[b] = b;
      double m = margins[table * bits + b];
      squared[b] = m * m;
    }
    Arrays.sort(order, Comparator.comparingDouble(b -> squared[b]));
    record Candidate(int[] positions, double score) {}
    PriorityQueue<Candidate> heap =
        new PriorityQueue<>(Comparator.comparingDouble(Candidate::score));
    heap.add(new Candidate(new int[] {0}, squared[order[0]]));
    while (masks.size() < count && !heap.isEmpty()) {
      Candidate best = heap.poll();
      int[] positions = best.positions();
      int last = positions[positions.length - 1];
      if (last + 1 < bits) {
        int[] shifted = positions.clone();
        shifted[shifted.length - 1] = last + 1;
        heap.add(
            new Candidate(shifted, best.score() - squared[order[last]] + squared[order[last + 1]]));
        int[] expanded = Arrays.copyOf(positions, positions.length + 1);
        expanded[expanded.length - 1] = last + 1;
        heap.add(new Candidate(expanded, best.score() + squared[order[last + 1]]));
      }
      long mask = 0;
      for (int position : positions) {
        mask |= 1L << order[position];
      }
      masks.add(new long[] {mask});
    }
    return masks;
  }
}
