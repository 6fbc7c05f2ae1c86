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

  private static float[] random(Random random) {
    float[] v = new float[16];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
