package io.protstream.model.cli;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.runtime.ExecutionDevice;
import io.protstream.model.runtime.RuntimeOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that run a model. */
final class RuntimeMixin {

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu, cuda or tensorrt (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--gpu", defaultValue = "0", description = "GPU ordinal for cuda/tensorrt")
  int gpu;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads (0: all cores)")
  int threads;

  @Option(names = "--trt-cache", description = "TensorRT engine cache folder")
  Path trtCache;

  @Option(names = "--max-batch", defaultValue = "32", description = "most sequences per batch")
  int maxBatch;

  @Option(
      names = "--max-tokens",
      defaultValue = "8192",
      description = "most padded tokens per batch (default: ${DEFAULT-VALUE})")
  int maxTokens;

  @Option(
      names = "--max-length",
      defaultValue = "4000",
      description =
          "longer sequences are embedded in overlapping windows (default: ${DEFAULT-VALUE})")
  int maxLength;

  @Option(
      names = "--window-overlap",
      defaultValue = "256",
      description = "residues shared by windows")
  int overlap;

  RuntimeOptions options() {
    return new RuntimeOptions(ExecutionDevice.parse(device), gpu, threads, true, trtCache);
  }

  BatchLimits limits() {
    return new BatchLimits(maxBatch, maxTokens, maxLength, overlap);
  }
}
