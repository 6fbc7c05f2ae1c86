package io.protstream.model.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.bench.LengthMix;
import io.protstream.model.runtime.EncoderModel;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.model.testing.Parity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batching decisions must never change a result; windows are flagged. */
class EmbedderTest {

  @TempDir static Path dir;
  static EncoderModel encoder;

  @BeforeAll
  static void demoModel() {
    Manifest m = DemoModels.create(DemoModels.Size.TINY, 1, dir);
    encoder = EncoderModel.load(dir.resolve(m.encoder().file()), RuntimeOptions.cpu());
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void resultsDoNotDependOnBatchComposition() {
    List<ProteinSequence> set = LengthMix.sequences(12, 200, 5);
    List<EmbeddingResult> oneByOne =
        new Embedder(encoder, new BatchLimits(1, 100_000, 4000, 16)).embed(set);
    List<EmbeddingResult> large =
        new Embedder(encoder, new BatchLimits(64, 100_000, 4000, 16)).embed(set);
    List<EmbeddingResult> tight =
        new Embedder(encoder, new BatchLimits(3, 600, 4000, 16)).embed(set);
    for (int i = 0; i < set.size(); i++) {
      assertEquals(set.get(i).id(), large.get(i).id(), "results keep input order");
      for (List<EmbeddingResult> other : List.of(large, tight)) {
        Parity.assertClose(
            "residues " + i,
            oneByOne.get(i).embedding().residues(),
            other.get(i).embedding().residues());
        Parity.assertClose(
            "protein " + i,
            oneByOne.get(i).embedding().protein(),
            other.get(i).embedding().protein());
      }
    }
  }

  @Test
  void overLongSequencesAreStitchedFromWindowsAndFlagged() {
    String longSeq = LengthMix.sequences(1, 1000, 9).get(0).sequence().repeat(3).substring(0, 150);
    List<ProteinSequence> set =
        new ArrayList<>(
            List.of(new ProteinSequence("long", longSeq), new ProteinSequence("short", "MKV")));
    List<Integer> progress = new ArrayList<>();
    List<EmbeddingResult> out =
        new Embedder(encoder, new BatchLimits(8, 10_000, 64, 16)).embed(set, progress::add);
    assertTrue(out.get(0).windowed());
    assertFalse(out.get(1).windowed());
    assertEquals(150, out.get(0).embedding().length());
    assertEquals(150 * 64, out.get(0).embedding().residues().length);
    // the per-protein vector of a stitched sequence is the mean of its 150 residue rows
    float[] rows = out.get(0).embedding().residues();
    float[] mean = new float[64];
    for (int j = 0; j < 64; j++) {
      double sum = 0;
      for (int r = 0; r < 150; r++) {
        sum += rows[r * 64 + j];
      }
      mean[j] = (float) (sum / 150);
    }
    Parity.assertClose("stitched protein mean", mean, out.get(0).embedding().protein());
    assertEquals(153, progress.stream().mapToInt(Integer::intValue).sum());
    // within a window's kept middle, context is long enough that the result stays close
    List<EmbeddingResult> whole =
        new Embedder(encoder, new BatchLimits(8, 10_000, 4000, 16)).embed(set);
    float[] a = out.get(0).embedding().residue(10);
    float[] b = whole.get(0).embedding().residue(10);
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = 0; j < a.length; j++) {
      dot += a[j] * b[j];
      na += a[j] * a[j];
      nb += b[j] * b[j];
    }
    assertTrue(dot / Math.sqrt(na * nb) > 0.5, "windowed residue far from full-context residue");
  }

  @Test
  void workerThreadsShareTheSessionWithTheirOwnPredictors() throws Exception {
    List<ProteinSequence> set = LengthMix.sequences(6, 120, 11);
    Embedder embedder = new Embedder(encoder, new BatchLimits(2, 1000, 4000, 16));
    List<EmbeddingResult> expected = embedder.embed(set);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<List<EmbeddingResult>>> futures = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        futures.add(pool.submit(() -> embedder.embed(set)));
      }
      for (java.util.concurrent.Future<List<EmbeddingResult>> f : futures) {
        List<EmbeddingResult> got = f.get();
        for (int i = 0; i < set.size(); i++) {
          Parity.assertClose(
              "thread result " + i,
              expected.get(i).embedding().residues(),
              got.get(i).embedding().residues());
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
