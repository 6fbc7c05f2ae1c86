package io.protstream.model.checkpoint;

import java.util.Arrays;

/** Name, element type and shape of a checkpoint tensor. */
public record TensorInfo(String name, DType dtype, long[] shape) {

  /**
   * @throws CheckpointException if a size is negative or the product overflows
   */
  public long elementCount() {
    return Checked.elementCount(shape, "tensor " + name);
  }

  public int dim(int axis) {
    return Math.toIntExact(shape[axis < 0 ? shape.length + axis : axis]);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t
        && t.name.equals(name)
        && t.dtype == dtype
        && Arrays.equals(t.shape, shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }
}
