package io.protstream.model.onnx;

import io.protstream.model.checkpoint.Checkpoint;
import io.protstream.model.checkpoint.CheckpointException;
import io.protstream.model.checkpoint.TensorInfo;

/** Reads head parameters with the shape checks their layers imply. */
final class HeadWeights {

  private final Checkpoint checkpoint;
  private final GraphBuilder g;

  HeadWeights(Checkpoint checkpoint, GraphBuilder g) {
    this.checkpoint = checkpoint;
    this.g = g;
  }

  TensorInfo info(String name) {
    return checkpoint.require(name);
  }

  /** A convolution kernel stored as [out, in, k] or [out, in, k, 1], as a Conv1d initializer. */
  String conv1dKernel(String name, int expectedIn) {
    TensorInfo info = info(name);
    long[] s = info.shape();
    boolean conv2dColumn = s.length == 4 && s[3] == 1;
    if (!(s.length == 3 || conv2dColumn) || s[1] != expectedIn) {
      throw new CheckpointException(
          name + ": expected a [out, " + expectedIn + ", k(, 1)] kernel, got " + info);
    }
    return g.weight(name, new long[] {s[0], s[1], s[2]}, () -> checkpoint.floats(name));
  }

  /** A 1-D parameter of the given length. */
  String vector(String name, long length) {
    TensorInfo info = info(name);
    if (info.shape().length != 1 || info.shape()[0] != length) {
      throw new CheckpointException(name + ": expected [" + length + "], got " + info);
    }
    return g.weight(name, new long[] {length}, () -> checkpoint.floats(name));
  }

  /** A Linear weight, kept as [out, in] for Gemm with transB. */
  String matrix(String name, long expectedIn) {
    TensorInfo info = info(name);
    if (info.shape().length != 2 || info.shape()[1] != expectedIn) {
      throw new CheckpointException(name + ": expected [out, " + expectedIn + "], got " + info);
    }
    return g.weight(name, info.shape().clone(), () -> checkpoint.floats(name));
  }
}
