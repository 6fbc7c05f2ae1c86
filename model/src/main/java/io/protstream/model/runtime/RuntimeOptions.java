package io.protstream.model.runtime;

import java.nio.file.Path;

/**
 * How models are run.
 *
 * @param device the execution provider
 * @param deviceId GPU ordinal for CUDA and TensorRT
 * @param intraOpThreads threads ONNX Runtime uses inside one operator; 0 lets it pick (all cores).
 *     Several workers sharing a session share this pool.
 * @param tensorRtFp16 let TensorRT run layers in fp16 (the published encoder's own precision)
 * @param engineCacheDir where TensorRT keeps built engines, so later starts skip the build; null
 *     disables the cache
 */
public record RuntimeOptions(
    ExecutionDevice device,
    int deviceId,
    int intraOpThreads,
    boolean tensorRtFp16,
    Path engineCacheDir) {

  public static RuntimeOptions cpu() {
    return new RuntimeOptions(ExecutionDevice.CPU, 0, 0, false, null);
  }

  public static RuntimeOptions of(ExecutionDevice device) {
    return new RuntimeOptions(device, 0, 0, true, null);
  }

  public RuntimeOptions withIntraOpThreads(int threads) {
    return new RuntimeOptions(device, deviceId, threads, tensorRtFp16, engineCacheDir);
  }

  public RuntimeOptions withEngineCacheDir(Path dir) {
    return new RuntimeOptions(device, deviceId, intraOpThreads, tensorRtFp16, dir);
  }
}
