package io.protstream.model.runtime;

import java.util.Locale;

/** Where ONNX Runtime executes a model. */
public enum ExecutionDevice {
  /** ONNX Runtime's default CPU provider; always available. */
  CPU,
  /** The CUDA execution provider of {@code onnxruntime_gpu}. */
  CUDA,
  /** The TensorRT execution provider, with CUDA for any op TensorRT does not take. */
  TENSORRT;

  /** Parses {@code cpu}, {@code cuda} or {@code tensorrt}, case-insensitively. */
  public static ExecutionDevice parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown device '" + name + "' (cpu, cuda or tensorrt)", e);
    }
  }
}
