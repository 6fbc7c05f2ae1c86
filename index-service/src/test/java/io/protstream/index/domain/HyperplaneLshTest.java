package io.protstream.index.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HyperplaneLshTest {

  private static final float[] CENTER = new float[16];

  @Test
  void sameSeedSameBucketsOnEveryReplica() {
    float[] v = random(new Random(1));
    assertArrayEquals(
        new HyperplaneLsh(7, CENTER, 12, 4).codes(v), new HyperplaneLsh(7, CENTER, 12, 4).codes(v));
    assertNotEquals(
        java.util.Arrays.toString(new HyperplaneLsh(7, CENTER, 12, 4).codes(v)),
        java.util.Arrays.toString(new HyperplaneLsh(8, CENTER, 12, 4).codes(v)));
  }

  @Test
  void firstProbeIsTheOwnBucketThenDistinctNeighbours() {
    HyperplaneLsh lsh = new HyperplaneLsh(3, CENTER, 10, 3);
    float[] v = random(new Random(2));
    long[] codes = lsh.codes(v);
    long[][] probes = lsh.probes(v, 20);
    for (int t = 0; t < 3; t++) {
      assertEquals(codes[t], probes[t][0]);
      assertEquals(21, probes[t].length);
      Set<Long> distinct = new HashSet<>();
      for (long p : probes[t]) {
        distinct.add(p);
      }
      assertEquals(21, distinct.size(), "each perturbation set is generated once");
    }
  }

  /** Multi-probe order: the cheapest single flip, the other single flip, then both. */
  @Test
  void extraProbesFlipTheLowestMarginBitsFirst() {
    // one table of one bit per axis-aligned case: the margin is |<r, v>|, smallest flips first
    HyperplaneLsh lsh = new HyperplaneLsh(11, new float[2], 2, 1);
    float[] nearPlaneA = {0.001f, 0f};
    float[] nearPlaneB = {0f, 0.001f};
    // flipping one bit must give codes that differ from the home code in exactly one bit
    for (float[] v : new float[][] {nearPlaneA, nearPlaneB}) {
      long[][] probes = lsh.probes(v, 3);
      assertEquals(4, probes[0].length, "2 bits: the home bucket and all 3 others");
      assertEquals(1, Long.bitCount(probes[0][0] ^ probes[0][1]));
      assertEquals(1, Long.bitCount(probes[0][0] ^ probes[0][2]));
      assertEquals(2, Long.bitCount(probes[0][0] ^ probes[0][3]), "both bits flipped last");
    }
  }

  /**
   * Sketches keep the residuals' projection on a full-width orthonormal basis here, so their
   * distances equal the vectors' up to the one-byte quantization (under 5 %), against distances
   * computed by hand from the vectors; a vector is at distance about 0 from itself.
   */
  @Test
  void sketchesEstimateEuclideanAndCosineDistances() {
    int d = 64;
    float[] center = new float[d];
    java.util.Arrays.fill(center, 0.5f);
    HyperplaneLsh lsh = new HyperplaneLsh(5, center, 8, 2);
    assertEquals(d, lsh.projection().length);
    Random random = new Random(3);
    for (int pair = 0; pair < 20; pair++) {
      float[] a = new float[d];
      float[] b = new float[d];
      double squared = 0;
      double dot = 0;
      double aa = 0;
      double bb = 0;
      for (int i = 0; i < d; i++) {
        a[i] = 0.5f + (float) random.nextGaussian();
        b[i] = 0.5f + (float) random.nextGaussian();
        squared += (a[i] - b[i]) * (a[i] - b[i]);
        dot += a[i] * b[i];
        aa += a[i] * a[i];
        bb += b[i] * b[i];
      }
      double euclidean = Math.sqrt(squared);
      double cosine = 1 - dot / Math.sqrt(aa * bb);
      HyperplaneLsh.Sketch sa = lsh.sketch(a);
      HyperplaneLsh.Sketch sb = lsh.sketch(b);
      assertEquals(euclidean, lsh.estimatedDistance(sa, sb, Metric.EUCLIDEAN), 0.05 * euclidean);
      assertEquals(cosine, lsh.estimatedDistance(sa, sb, Metric.COSINE), 0.05 * cosine);
      assertEquals(0, lsh.estimatedDistance(sa, lsh.sketch(a), Metric.EUCLIDEAN), 0.02);
    }
  }

  /** Planted spreads: sd 5 along axis 3, 2 along axis 7, 0.1 elsewhere: the axes come out first. */
  @Test
  void principalAxesFindThePlantedDirectionsOfSpread() {
    int d = 16;
    float[] center = new float[d];
    java.util.Arrays.fill(center, 1f);
    Random random = new Random(9);
    float[][] sample = new float[400][d];
    for (float[] v : sample) {
      for (int i = 0; i < d; i++) {
        double sd = i == 3 ? 5 : i == 7 ? 2 : 0.1;
        v[i] = 1f + (float) (sd * random.nextGaussian());
      }
    }
    float[][] axes = HyperplaneLsh.principalAxes(sample, center, 2, 1);
    assertEquals(1.0, Math.abs(axes[0][3]), 1e-3);
    assertEquals(1.0, Math.abs(axes[1][7]), 1e-3);
  }

  private static float[] random(Random random) {
    float[] v = new float[16];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
