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

  /** Dimensions of the projection a sketch keeps when none is given: at most this many. */
  public static final int DEFAULT_SKETCH_DIMENSIONS = 64;

  /** Distinguishes the default projection's random stream from the hyperplanes' (same seed). */
  private static final long PROJECTION_SALT = 0x5ce7c4a1b2d3e4f5L;

  private final int bits;
  private final int tables;
  private final float[] center;
  private final double centerSquared;
  private final float[][] planes;
  private final float[][] projection;

  /**
   * A vector in compact form, relative to the hash's center c: its residual r = v - c projected on
   * the m orthonormal rows of the projection, one signed byte per dimension times {@code scale};
   * the length of what the projection leaves out ({@code rest}); and c . r ({@code along}). Two
   * sketches give the distance between their vectors approximately: the distance of the projected
   * residuals, plus the left-out parts taken as orthogonal to each other (noise).
   */
  public record Sketch(byte[] coordinates, float scale, float rest, float along) {}

  /** A hash whose sketches keep a random orthonormal projection drawn from the seed. */
  public HyperplaneLsh(long seed, float[] center, int bits, int tables) {
    this(
        seed,
        center,
        randomProjection(
            seed ^ PROJECTION_SALT,
            Math.min(DEFAULT_SKETCH_DIMENSIONS, center.length),
            center.length),
        bits,
        tables);
  }

  /**
   * @param projection orthonormal rows of the center's width (best the principal axes of a sample
   *     of the data, see {@link #principalAxes}) that sketches keep
   */
  public HyperplaneLsh(long seed, float[] center, float[][] projection, int bits, int tables) {
    if (bits < 1 || bits > MAX_BITS) {
      throw new IllegalArgumentException("bits must be 1.." + MAX_BITS + ": " + bits);
    }
    if (tables < 1) {
      throw new IllegalArgumentException("tables must be positive: " + tables);
    }
    this.bits = bits;
    this.tables = tables;
    this.center = center.clone();
    this.centerSquared = dot(center, center);
    for (float[] row : projection) {
      if (row.length != center.length) {
        throw new IllegalArgumentException(
            "projection rows have width " + row.length + ", the center " + center.length);
      }
    }
    this.projection = projection.clone();
    this.planes = planesInSpan(new Random(seed), bits * tables, this.projection);
  }

  /**
   * Random unit normals in the span of the projection's rows. Embeddings vary mostly along a few
   * principal axes and by small noise in all others; a hyperplane drawn in the full space is
   * decided largely by that noise and splits near neighbours apart, one drawn along the principal
   * axes splits families, not noise. With a random projection this is SimHash after a random
   * (Johnson-Lindenstrauss) projection. Plane p depends only on the seed and p, so a hash with
   * fewer bits or tables uses the first planes of a larger one.
   */
  private static float[][] planesInSpan(Random random, int count, float[][] projection) {
    float[][] weights = unitPlanes(random, count, projection.length);
    int dimension = projection[0].length;
    float[][] planes = new float[count][dimension];
    for (int p = 0; p < count; p++) {
      for (int r = 0; r < projection.length; r++) {
        float w = weights[p][r];
        float[] axis = projection[r];
        for (int i = 0; i < dimension; i++) {
          planes[p][i] += w * axis[i];
        }
      }
    }
    return planes;
  }

  /** Gaussian directions scaled to length 1, so margins are distances comparable across planes. */
  private static float[][] unitPlanes(Random random, int count, int dimension) {
    float[][] planes = new float[count][dimension];
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
    return planes;
  }

  public int dimension() {
    return center.length;
  }

  public int tables() {
    return tables;
  }

  /** The hyperplanes' common point. */
  public float[] center() {
    return center.clone();
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

  /** The projection sketches keep: m orthonormal rows. */
  public float[][] projection() {
    float[][] copy = new float[projection.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = projection[i].clone();
    }
    return copy;
  }

  /** The compact form of {@code vector}. */
  public Sketch sketch(float[] vector) {
    float[] residual = residual(vector);
    double[] projected = new double[projection.length];
    double kept = 0;
    double largest = 0;
    for (int i = 0; i < projected.length; i++) {
      projected[i] = dot(projection[i], residual);
      kept += projected[i] * projected[i];
      largest = Math.max(largest, Math.abs(projected[i]));
    }
    double rest = Math.sqrt(Math.max(0, dot(residual, residual) - kept));
    float scale = largest > 0 ? (float) (largest / 127) : 1f;
    byte[] coordinates = new byte[projected.length];
    for (int i = 0; i < coordinates.length; i++) {
      coordinates[i] = (byte) Math.round(projected[i] / scale);
    }
    return new Sketch(coordinates, scale, (float) rest, (float) dot(center, residual));
  }

  /**
   * The approximate distance between the vectors of two sketches: Euclidean, or 1 - cosine of the
   * vectors themselves (not of their residuals).
   */
  public double estimatedDistance(Sketch a, Sketch b, Metric metric) {
    return estimatedDistance(a, b.coordinates(), b.scale(), b.rest(), b.along(), metric);
  }

  /**
   * As {@link #estimatedDistance(Sketch, Sketch, Metric)}, with the second sketch's parts given one
   * by one: a query compares thousands of stored sketches, read into one reused array.
   */
  public double estimatedDistance(
      Sketch a, byte[] y, float scaleB, float restB, float alongB, Metric metric) {
    byte[] x = a.coordinates();
    if (x.length != y.length) {
      throw new IllegalArgumentException("sketches of different widths");
    }
    // integer sums of the coordinates (exact), scaled once: |sa x - sb y|^2 expanded
    long xy = 0;
    long xx = 0;
    long yy = 0;
    for (int i = 0; i < x.length; i++) {
      xy += x[i] * y[i];
      xx += x[i] * x[i];
      yy += y[i] * y[i];
    }
    double sa = a.scale();
    double sb = scaleB;
    double kept = sa * sa * xx;
    double keptB = sb * sb * yy;
    double dot = sa * sb * xy;
    double restA = (double) a.rest() * a.rest();
    double restSquaredB = (double) restB * restB;
    if (metric == Metric.EUCLIDEAN) {
      return Math.sqrt(Math.max(0, kept + keptB - 2 * dot) + restA + restSquaredB);
    }
    // v = c + r: |v|^2 = |c|^2 + 2 c.r + |r|^2 and v.w = |c|^2 + c.r + c.s + r.s
    double aa = centerSquared + 2.0 * a.along() + kept + restA;
    double bb = centerSquared + 2.0 * alongB + keptB + restSquaredB;
    if (aa <= 0 || bb <= 0) {
      return 1.0;
    }
    return 1.0 - (centerSquared + a.along() + alongB + dot) / Math.sqrt(aa * bb);
  }

  /** {@code rows} orthonormal random directions of width {@code dimension}. */
  public static float[][] randomProjection(long seed, int rows, int dimension) {
    return orthonormal(unitPlanes(new Random(seed), rows, dimension));
  }

  /** The mean of a sample of vectors of one width: the center that splits the data evenly. */
  public static float[] mean(float[][] sample) {
    double[] sum = new double[sample[0].length];
    for (float[] v : sample) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += v[j];
      }
    }
    float[] mean = new float[sum.length];
    for (int j = 0; j < mean.length; j++) {
      mean[j] = (float) (sum[j] / sample.length);
    }
    return mean;
  }

  /**
   * The {@code rows} principal axes of {@code sample} around {@code center}, by orthogonal (block
   * power) iteration from a random start: the projection that keeps most of the data's spread.
   */
  public static float[][] principalAxes(float[][] sample, float[] center, int rows, long seed) {
    int d = center.length;
    float[][] centered = new float[sample.length][d];
    for (int s = 0; s < sample.length; s++) {
      for (int i = 0; i < d; i++) {
        centered[s][i] = sample[s][i] - center[i];
      }
    }
    float[][] axes = randomProjection(seed, rows, d);
    for (int iteration = 0; iteration < 30; iteration++) {
      float[][] next = new float[rows][d];
      for (float[] x : centered) {
        for (int r = 0; r < rows; r++) {
          float along = (float) dot(axes[r], x);
          for (int i = 0; i < d; i++) {
            next[r][i] += along * x[i];
          }
        }
      }
      axes = orthonormal(next);
    }
    return axes;
  }

  /** Gram-Schmidt on the rows, in order. */
  private static float[][] orthonormal(float[][] rows) {
    float[][] out = new float[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      double[] v = new double[rows[r].length];
      for (int i = 0; i < v.length; i++) {
        v[i] = rows[r][i];
      }
      for (int q = 0; q < r; q++) {
        double along = 0;
        for (int i = 0; i < v.length; i++) {
          along += v[i] * out[q][i];
        }
        for (int i = 0; i < v.length; i++) {
          v[i] -= along * out[q][i];
        }
      }
      double norm = 0;
      for (double x : v) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      out[r] = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[r][i] = norm > 0 ? (float) (v[i] / norm) : 0f;
      }
    }
    return out;
  }

  private float[] residual(float[] vector) {
    if (vector.length != center.length) {
      throw new IllegalArgumentException(
          "vector has dimension " + vector.length + ", the hash " + center.length);
    }
    float[] residual = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      residual[i] = vector[i] - center[i];
    }
    return residual;
  }

  private double[] margins(float[] vector) {
    float[] residual = residual(vector);
    double[] margins = new double[planes.length];
    for (int p = 0; p < planes.length; p++) {
      margins[p] = dot(planes[p], residual);
    }
    return margins;
  }

  /** Four partial sums, so the loop pipelines; the order is fixed, so every replica agrees. */
  private static double dot(float[] a, float[] b) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < a.length; i += 4) {
      s0 += (double) a[i] * b[i];
      s1 += (double) a[i + 1] * b[i + 1];
      s2 += (double) a[i + 2] * b[i + 2];
      s3 += (double) a[i + 3] * b[i + 3];
    }
    for (; i < a.length; i++) {
      s0 += (double) a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
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
