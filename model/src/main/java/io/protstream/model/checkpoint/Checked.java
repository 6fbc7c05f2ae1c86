package io.protstream.model.checkpoint;

/** Size arithmetic on numbers read from a file: overflow is a malformed file, not a wrap-around. */
final class Checked {

  /** The most elements a Java array can hold. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private Checked() {}

  static long multiply(long a, long b, String what) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw new CheckpointException(what + " overflows (" + a + " x " + b + ")");
    }
  }

  static long add(long a, long b, String what) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new CheckpointException(what + " overflows (" + a + " + " + b + ")");
    }
  }

  /** Product of the sizes; negative sizes and overflow are refused. */
  static long elementCount(long[] shape, String what) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new CheckpointException(what + " has a negative size " + d);
      }
      n = multiply(n, d, what + " element count");
    }
    return n;
  }
}
