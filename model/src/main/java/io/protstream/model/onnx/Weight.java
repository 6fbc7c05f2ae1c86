package io.protstream.model.onnx;

import java.util.function.Supplier;

/**
 * An initializer whose values are produced only when the model file is written, so a graph with
 * billions of parameters can be described before any of them is in memory.
 *
 * @param half stored as fp16 (half the file size); the graph casts it to fp32 where it is used
 */
public record Weight(String name, long[] dims, Supplier<float[]> values, boolean half) {

  public long elementCount() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  public long byteSize() {
    return elementCount() * (half ? 2 : Float.BYTES);
  }
}
