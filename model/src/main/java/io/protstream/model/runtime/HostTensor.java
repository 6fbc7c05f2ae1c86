package io.protstream.model.runtime;

import java.util.Arrays;

/** A tensor in Java memory: fp32 or int64 values, row-major, with its shape. */
public record HostTensor(long[] shape, float[] floats, long[] longs) {

  public static HostTensor ofFloats(float[] values, long... shape) {
    check(values.length, shape);
    return new HostTensor(shape, values, null);
  }

  public static HostTensor ofLongs(long[] values, long... shape) {
    check(values.length, shape);
    return new HostTensor(shape, null, values);
  }

  public boolean isFloat() {
    return floats != null;
  }

  public int dim(int axis) {
    return Math.toIntExact(shape[axis < 0 ? shape.length + axis : axis]);
  }

  private static void check(int length, long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != length) {
      throw new IllegalArgumentException(
          length + " values do not fill shape " + Arrays.toString(shape));
    }
  }

  @Override
  public String toString() {
    return (isFloat() ? "float" : "int64") + Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostTensor t
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(floats, t.floats)
        && Arrays.equals(longs, t.longs);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape) * 31 + Arrays.hashCode(floats) + Arrays.hashCode(longs);
  }
}
