package io.protstream.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.model.checkpoint.Checkpoint;
import io.protstream.model.checkpoint.Checkpoints;
import io.protstream.model.onnx.OnnxModelWriter;
import io.protstream.model.onnx.T5Config;
import io.protstream.model.onnx.T5EncoderGraph;
import io.protstream.model.testing.Fixtures;
import io.protstream.model.testing.Fixtures.Case;
import io.protstream.model.testing.Npy;
import io.protstream.model.testing.Parity;
import io.protstream.model.tokenizer.ProtT5Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our encoder graph, from either checkpoint format, against the reference outputs. */
class EncoderParityTest {

  @TempDir static Path dir;

  static EncoderModel fromSafetensors;
  static EncoderModel fromBin;
  static EncoderModel standardExport;
  static EncoderModel halfWeights;

  @BeforeAll
  static void build() throws Exception {
    T5Config config = T5Config.read(Fixtures.encoder().resolve("config.json"));
    try (Checkpoint ckpt = Checkpoints.openEncoderFolder(Fixtures.encoder())) {
      new OnnxModelWriter()
          .write(T5EncoderGraph.build(config, ckpt), dir.resolve("st/encoder.onnx"), Map.of());
    }
    Path binOnly = Files.createDirectories(dir.resolve("bin-folder"));
    Files.copy(
        Fixtures.encoder().resolve("pytorch_model.bin"), binOnly.resolve("pytorch_model.bin"));
    try (Checkpoint ckpt = Checkpoints.openEncoderFolder(binOnly)) {
      // external data forced on, so the >2 GB path is exercised on the tiny model
      new OnnxModelWriter(0)
          .write(T5EncoderGraph.build(config, ckpt), dir.resolve("bin/encoder.onnx"), Map.of());
    }
    try (Checkpoint ckpt = Checkpoints.openEncoderFolder(Fixtures.encoder())) {
      new OnnxModelWriter()
          .write(
              T5EncoderGraph.build(config, ckpt, true), dir.resolve("half/encoder.onnx"), Map.of());
    }
    halfWeights = EncoderModel.load(dir.resolve("half/encoder.onnx"), RuntimeOptions.cpu());
    fromSafetensors = EncoderModel.load(dir.resolve("st/encoder.onnx"), RuntimeOptions.cpu());
    fromBin = EncoderModel.load(dir.resolve("bin/encoder.onnx"), RuntimeOptions.cpu());
    standardExport =
        EncoderModel.load(Fixtures.encoder().resolve("model.onnx"), RuntimeOptions.cpu());
  }

  @AfterAll
  static void close() {
    fromSafetensors.close();
    fromBin.close();
    standardExport.close();
    halfWeights.close();
  }

  @Test
  void everyCaseMatchesReferenceFromBothFormatsAndTheStandardExport() throws Exception {
    ProtT5Tokenizer tokenizer = new ProtT5Tokenizer();
    for (Case c : Fixtures.cases()) {
      assertArrayEquals(c.inputIds(), tokenizer.encode(c.sequence()), c.name() + " ids");
      Npy residues = c.expected("residues");
      Npy protein = c.expected("protein");
      for (Map.Entry<String, EncoderModel> m :
          Map.of(
                  "safetensors",
                  fromSafetensors,
                  "pytorch_model.bin",
                  fromBin,
                  "fp16-stored weights",
                  halfWeights,
                  "standard export",
                  standardExport)
              .entrySet()) {
        Embedding e = m.getValue().embed(List.of(c.inputIds())).get(0);
        String what = c.name() + " via " + m.getKey();
        double r = Parity.assertClose(what + " residues", residues.floats(), e.residues());
        double p = Parity.assertClose(what + " protein", protein.floats(), e.protein());
        System.out.printf(
            "parity %-22s %-18s residues %.2e protein %.2e%n", c.name(), m.getKey(), r, p);
      }
    }
  }

  @Test
  void paddedBatchMatchesReferenceAndEachUnpaddedResult() throws Exception {
    Npy hidden = Fixtures.padded("hidden");
    Npy ids = Fixtures.padded("input_ids");
    int batch = (int) ids.shape()[0];
    int width = (int) ids.shape()[1];
    int d = (int) hidden.shape()[2];
    List<String> names = Fixtures.json().get("padded_batch").findValuesAsText("cases");
    List<int[]> sequences = new java.util.ArrayList<>();
    for (var n : Fixtures.json().get("padded_batch").get("cases")) {
      sequences.add(Fixtures.byName(n.asText()).inputIds());
    }
    List<Embedding> out = fromSafetensors.embed(sequences);
    for (int b = 0; b < batch; b++) {
      int length = sequences.get(b).length - 1;
      float[] expected = new float[length * d];
      System.arraycopy(hidden.floats(), b * width * d, expected, 0, expected.length);
      Parity.assertClose("padded row " + b, expected, out.get(b).residues());
      Embedding alone = fromSafetensors.embed(List.of(sequences.get(b))).get(0);
      Parity.assertClose("padded vs alone " + b, alone.residues(), out.get(b).residues());
      Parity.assertClose("padded vs alone protein " + b, alone.protein(), out.get(b).protein());
    }
    names.size();
  }

  @Test
  void weightsOverTheThresholdGoToExternalData() {
    assertTrue(Files.isRegularFile(dir.resolve("bin/encoder.onnx.data")));
    assertFalse(Files.exists(dir.resolve("st/encoder.onnx.data")));
  }
}
