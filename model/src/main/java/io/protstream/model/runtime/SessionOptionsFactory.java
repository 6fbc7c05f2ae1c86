package io.protstream.model.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Translates {@link RuntimeOptions} into ONNX Runtime session options, and fails early with an
 * actionable message when the requested provider is not in the ONNX Runtime build on the classpath
 * or no GPU answers. Without this check ONNX Runtime would either throw a bare native error or, for
 * some builds, quietly run on CPU.
 */
public final class SessionOptionsFactory {

  private final Set<OrtProvider> available;

  public SessionOptionsFactory() {
    this(OrtEnvironment.getAvailableProviders());
  }

  SessionOptionsFactory(Set<OrtProvider> available) {
    this.available = available.isEmpty() ? EnumSet.of(OrtProvider.CPU) : EnumSet.copyOf(available);
  }

  public SessionOptions create(RuntimeOptions options, ShapeProfile profile) {
    checkAvailable(options.device());
    SessionOptions so = new SessionOptions();
    try {
      so.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
      if (options.intraOpThreads() > 0) {
        so.setIntraOpNumThreads(options.intraOpThreads());
      }
      switch (options.device()) {
        case CPU -> {}
        case CUDA -> so.addCUDA(cuda(options));
        case TENSORRT -> {
          so.addTensorrt(tensorRt(options, profile));
          // ops TensorRT cannot take fall back to CUDA rather than the CPU
          so.addCUDA(cuda(options));
        }
      }
      return so;
    } catch (OrtException e) {
      so.close();
      throw new DeviceUnavailableException(
          "ONNX Runtime could not start the "
              + options.device()
              + " execution provider on GPU "
              + options.deviceId()
              + " (no usable NVIDIA GPU, or a CUDA/cuDNN/TensorRT library missing): "
              + e.getMessage(),
          e);
    }
  }

  void checkAvailable(ExecutionDevice device) {
    OrtProvider needed =
        switch (device) {
          case CPU -> OrtProvider.CPU;
          case CUDA -> OrtProvider.CUDA;
          case TENSORRT -> OrtProvider.TENSOR_RT;
        };
    if (!available.contains(needed)) {
      throw new DeviceUnavailableException(
          "device '"
              + device.name().toLowerCase(java.util.Locale.ROOT)
              + "' needs ONNX Runtime's "
              + needed
              + " execution provider, but the ONNX Runtime on the classpath provides only "
              + available
              + ". Use device 'cpu', or run with com.microsoft.onnxruntime:onnxruntime_gpu "
              + OnnxSession.runtimeVersion()
              + " in place of com.microsoft.onnxruntime:onnxruntime on a machine with an NVIDIA GPU,"
              + " CUDA 12 and cuDNN 9"
              + (device == ExecutionDevice.TENSORRT ? " and TensorRT 10" : "")
              + ".");
    }
  }

  private static OrtCUDAProviderOptions cuda(RuntimeOptions options) throws OrtException {
    OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(options.deviceId());
    // shapes change with every batch: a heuristic is cheaper than benchmarking each new shape
    cuda.add("cudnn_conv_algo_search", "HEURISTIC");
    return cuda;
  }

  private static OrtTensorRTProviderOptions tensorRt(RuntimeOptions options, ShapeProfile profile)
      throws OrtException {
    OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(options.deviceId());
    trt.add("trt_fp16_enable", options.tensorRtFp16() ? "1" : "0");
    if (options.engineCacheDir() != null) {
      trt.add("trt_engine_cache_enable", "1");
      trt.add("trt_engine_cache_path", options.engineCacheDir().toString());
      trt.add("trt_timing_cache_enable", "1");
    }
    if (profile != null) {
      trt.add("trt_profile_min_shapes", ShapeProfile.format(profile.min()));
      trt.add("trt_profile_opt_shapes", ShapeProfile.format(profile.opt()));
      trt.add("trt_profile_max_shapes", ShapeProfile.format(profile.max()));
    }
    return trt;
  }
}
