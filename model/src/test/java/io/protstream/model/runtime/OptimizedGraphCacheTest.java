package io.protstream.model.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.pipeline.HeadCheckpoints;
import io.protstream.model.pipeline.ModelConverter;
import io.protstream.model.pipeline.Prediction;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.testing.Fixtures;
import io.protstream.model.testing.Fixtures.Case;
import io.protstream.model.testing.Parity;
import io.protstream.model.tokenizer.ProtT5Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's optimised graphs are kept next to the model and give the reference numbers. */
class OptimizedGraphCacheTest {

  @TempDir Path dir;

  private Path folder;

  @BeforeEach
  void convert() {
    folder = dir.resolve("model");
    new ModelConverter()
        .convert(
            Fixtures.encoder(),
            new HeadCheckpoints(
                Fixtures.head("secstruct_checkpoint.pt"),
                Fixtures.head("la_subcellular_localization.pt"),
                Fixtures.head("la_subcellular_solubility.pt")),
            folder);
  }

  @Test
  void secondOpenLoadsTheOptimisedCopiesAndMatchesTheReference() throws IOException {
    try (ProtT5Model first = ProtT5Model.open(folder, RuntimeOptions.cpu(), BatchLimits.DEFAULT)) {
      first.embed(List.of(new ProteinSequence("warm", "MKV")));
    }
    List<String> entries = cacheEntries();
    assertEquals(4, entries.size(), "one optimised copy per graph: " + entries);

    List<Case> cases = Fixtures.cases();
    List<ProteinSequence> seqs =
        cases.stream().map(c -> new ProteinSequence(c.name(), c.sequence())).toList();
    try (ProtT5Model cached = ProtT5Model.open(folder, RuntimeOptions.cpu(), BatchLimits.DEFAULT)) {
      List<EmbeddingResult> embedded = cached.embed(seqs);
      List<Prediction> predictions = cached.predictFromEmbeddings(embedded);
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        Parity.assertClose(
            c.name() + " residues",
            c.expected("residues").floats(),
            embedded.get(i).embedding().residues());
        Parity.assertClose(
            c.name() + " protein",
            c.expected("protein").floats(),
            embedded.get(i).embedding().protein());
        assertEquals(
            Parity.argmax(c.expected("localization_logits").floats(), 0, 10),
            argmax(predictions.get(i).localizationProbabilities()),
            c.name() + " localization");
      }
    }
    assertEquals(entries, cacheEntries(), "a valid copy is reused, not rewritten");
  }

  @Test
  void encoderLoadsFromItsCopyOnceOneExists() {
    Path graph = folder.resolve("encoder.onnx");
    OptimizedGraphCache cache = OptimizedGraphCache.in(folder, "encoder-sha");
    try (EncoderModel m = EncoderModel.load(graph, RuntimeOptions.cpu(), null, cache)) {
      assertEquals(graph, m.session().loadedFrom());
    }
    try (EncoderModel m = EncoderModel.load(graph, RuntimeOptions.cpu(), null, cache)) {
      Path from = m.session().loadedFrom();
      assertTrue(from.startsWith(folder.resolve(OptimizedGraphCache.FOLDER)), from.toString());
      assertClose(m);
    }
  }

  @Test
  void changedGraphContentGetsANewCopyAndTheOldOneIsRemoved() throws IOException {
    Path graph = folder.resolve("encoder.onnx");
    try (EncoderModel m =
        EncoderModel.load(
            graph, RuntimeOptions.cpu(), null, OptimizedGraphCache.in(folder, "content-a"))) {
      assertEquals(graph, m.session().loadedFrom());
    }
    List<String> before = cacheEntries();
    try (EncoderModel m =
        EncoderModel.load(
            graph, RuntimeOptions.cpu(), null, OptimizedGraphCache.in(folder, "content-b"))) {
      assertEquals(graph, m.session().loadedFrom(), "another content never uses the old copy");
    }
    List<String> after = cacheEntries();
    assertEquals(1, before.size());
    assertEquals(1, after.size());
    assertNotEquals(before, after);
  }

  @Test
  void damagedCopyIsReplacedAndTheResultsStayRight() throws IOException {
    Path graph = folder.resolve("encoder.onnx");
    OptimizedGraphCache cache = OptimizedGraphCache.in(folder, "encoder-sha");
    EncoderModel.load(graph, RuntimeOptions.cpu(), null, cache).close();
    Path copy = folder.resolve(OptimizedGraphCache.FOLDER).resolve(cacheEntries().get(0));
    Files.write(copy.resolve("encoder.onnx"), new byte[] {1, 2, 3});

    try (EncoderModel m = EncoderModel.load(graph, RuntimeOptions.cpu(), null, cache)) {
      assertEquals(graph, m.session().loadedFrom());
      assertClose(m);
    }
    try (EncoderModel m = EncoderModel.load(graph, RuntimeOptions.cpu(), null, cache)) {
      assertFalse(m.session().loadedFrom().equals(graph), "the copy was written again");
    }
  }

  @Test
  void copiesAreKeyedByTheOnnxRuntimeOnTheClasspathNotTheOneDjlWasBuiltFor() throws IOException {
    // the jar's own manifest: independent of how the library asks the native code
    String jarVersion = ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion();
    assertNotNull(jarVersion, "the ONNX Runtime jar names its version");
    EncoderModel.load(
            folder.resolve("encoder.onnx"),
            RuntimeOptions.cpu(),
            null,
            OptimizedGraphCache.in(folder, "encoder-sha"))
        .close();
    Path copy = folder.resolve(OptimizedGraphCache.FOLDER).resolve(cacheEntries().get(0));
    List<String> key = Files.readAllLines(copy.resolve(OptimizedGraphCache.COMPLETE));
    assertTrue(key.contains(jarVersion), key.toString());
  }

  @Test
  void tensorRtGraphsAreLeftToTheEngineCache() {
    assertNull(
        OptimizedGraphCache.in(folder, "x")
            .entry("encoder", RuntimeOptions.of(ExecutionDevice.TENSORRT)));
  }

  private static void assertClose(EncoderModel m) {
    Case c = Fixtures.cases().get(0);
    Embedding e = m.embed(List.of(new ProtT5Tokenizer().encode(c.sequence()))).get(0);
    Parity.assertClose(c.name() + " residues", c.expected("residues").floats(), e.residues());
  }

  private static int argmax(float[] p) {
    return Parity.argmax(p, 0, p.length);
  }

  private List<String> cacheEntries() throws IOException {
    Path root = folder.resolve(OptimizedGraphCache.FOLDER);
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
