package io.protstream.embed.encoder;

import io.protstream.embed.config.EmbedConfig;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.runtime.ExecutionDevice;
import io.protstream.model.runtime.RuntimeOptions;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Opens a model folder as the service's encoder, on the configured device, with the configured
 * batch limits and TensorRT engine cache. (ONNX Runtime's optimised graphs are cached inside the
 * folder itself, so the folder should be writable.)
 */
@Singleton
public class EncoderOpener {

  private final EmbedConfig config;

  public EncoderOpener(EmbedConfig config) {
    this.config = config;
  }

  /**
   * @throws io.protstream.model.runtime.DeviceUnavailableException when the device cannot be used
   *     here (no GPU, or the CPU build of ONNX Runtime on the class path)
   */
  public LoadedModel open(Path folder) {
    BatchLimits limits =
        new BatchLimits(
            config.maxBatchSize(),
            config.maxBatchTokens(),
            config.maxSequenceLength(),
            config.windowOverlap());
    RuntimeOptions options =
        new RuntimeOptions(
            ExecutionDevice.parse(config.device()),
            config.deviceId(),
            config.intraOpThreads(),
            true,
            config.engineCacheDirectory().map(Path::of).orElse(null));
    ProtT5Model model = ProtT5Model.open(folder, options, limits);
    try {
      String modelId = model.manifest().encoderId();
      // the manifest names a generated demo model's encoder "demo-..."
      boolean demo = modelId.startsWith("demo-");
      return new LoadedModel(model, model::embed, modelId, demo, model.dModel(), limits);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
