package io.protstream.model.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tolerance the reference fixtures define: max |Δ| ≤ 1e-4 · max |expected|, same argmax. */
public final class Parity {

  public static final double RELATIVE = 1e-4;

  private Parity() {}

  /** Returns max |Δ| / max |expected| after asserting it is within tolerance. */
  public static double assertClose(String what, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what + ": length");
    double maxRef = 0;
    double maxDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      maxRef = Math.max(maxRef, Math.abs(expected[i]));
      maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
    }
    double relative = maxRef == 0 ? maxDiff : maxDiff / maxRef;
    assertTrue(
        maxDiff <= RELATIVE * maxRef,
        what + ": max|Δ| " + maxDiff + " > 1e-4 * max|ref| " + maxRef);
    return relative;
  }

  /** Asserts identical argmax over each row of [rows, classes]. */
  public static void assertSameArgmax(String what, float[] expected, float[] actual, int classes) {
    for (int r = 0; r < expected.length / classes; r++) {
      assertEquals(
          argmax(expected, r * classes, classes),
          argmax(actual, r * classes, classes),
          what + ": argmax of row " + r);
    }
  }

  public static int argmax(float[] v, int from, int count) {
    int best = from;
    for (int i = from + 1; i < from + count; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best - from;
  }
}
