package io.protstream.model.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.model.checkpoint.Checkpoint;
import io.protstream.model.checkpoint.CheckpointException;
import io.protstream.model.checkpoint.Checkpoints;
import io.protstream.model.pipeline.DemoModels;
import io.protstream.model.runtime.Embedding;
import io.protstream.model.runtime.EncoderModel;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.model.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class T5EncoderGraphTest {

  @Test
  void refusesACheckpointThatDoesNotFitTheConfig() {
    T5Config wrong = new T5Config(128, 64, 16, 512, 3, 4, 32, 128, 1e-6, "relu");
    try (Checkpoint ckpt = Checkpoints.openEncoderFolder(Fixtures.encoder())) {
      CheckpointException e =
          assertThrows(CheckpointException.class, () -> T5EncoderGraph.build(wrong, ckpt));
      assertTrue(e.getMessage().contains("DenseReluDense.wi.weight"), e.getMessage());
    }
  }

  @Test
  void refusesUnknownFeedForward() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new T5Config(128, 64, 16, 256, 3, 4, 32, 128, 1e-6, "swiglu"));
  }

  @Test
  void readsSizesFromConfigJson() {
    T5Config c = T5Config.read(Fixtures.encoder().resolve("config.json"));
    assertTrue(c.dModel() == 64 && c.numHeads() == 4 && c.dKv() == 16 && c.numLayers() == 3);
  }

  @Test
  void gatedGeluVariantBuildsAndRuns(@TempDir Path dir) {
    T5Config gated = new T5Config(128, 32, 8, 64, 2, 4, 32, 128, 1e-6, "gated-gelu");
    Path file = dir.resolve("gated.onnx");
    new OnnxModelWriter()
        .write(T5EncoderGraph.build(gated, DemoModels.encoder(gated, 1)), file, Map.of());
    try (EncoderModel m = EncoderModel.load(file, RuntimeOptions.cpu())) {
      Embedding e = m.embed(List.of(new int[] {3, 4, 5, 1})).get(0);
      assertTrue(e.length() == 3 && e.dModel() == 32);
      for (float v : e.residues()) {
        assertTrue(Float.isFinite(v));
      }
    }
  }
}
