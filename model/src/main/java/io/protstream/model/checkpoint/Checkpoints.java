package io.protstream.model.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a weights file or a Hugging Face checkpoint folder, whatever its format. */
public final class Checkpoints {

  private Checkpoints() {}

  /** Opens a single file by its format: safetensors or a PyTorch zip. */
  public static Checkpoint openFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException("no such checkpoint file: " + file);
    }
    if (file.getFileName().toString().endsWith(".safetensors")) {
      return SafetensorsCheckpoint.open(file);
    }
    return TorchZipCheckpoint.open(file);
  }

  /**
   * Opens the weights of a Hugging Face T5 encoder folder, preferring {@code model.safetensors}
   * over {@code pytorch_model.bin}, with the tied input embedding resolved under both of its names.
   */
  public static Checkpoint openEncoderFolder(Path folder) {
    Path safetensors = folder.resolve("model.safetensors");
    Path bin = folder.resolve("pytorch_model.bin");
    Checkpoint raw;
    if (Files.isRegularFile(safetensors)) {
      raw = SafetensorsCheckpoint.open(safetensors);
    } else if (Files.isRegularFile(bin)) {
      raw = TorchZipCheckpoint.open(bin);
    } else {
      throw new CheckpointException(
          folder + " has neither model.safetensors nor pytorch_model.bin");
    }
    return TiedWeights.resolve(raw, "shared.weight", "encoder.embed_tokens.weight");
  }
}
