package io.protstream.model.bench;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.batching.TokenBudgetBatcher;
import io.protstream.model.onnx.T5Config;
import io.protstream.model.pipeline.Embedder;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.EncoderModel;
import io.protstream.model.runtime.RuntimeOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures encoder throughput on a fixed length mix and relates it to the machine's plain matrix
 * multiply rate measured in the same process, so numbers from different machines compare.
 */
public final class EncoderBenchmark {

  /** What one run measured. */
  public record Result(
      int proteins,
      long residues,
      double seconds,
      double paddingFraction,
      double encoderGflops,
      double matmulGflops,
      long peakRssBytes) {

    public double residuesPerSecond() {
      return residues / seconds;
    }

    public double proteinsPerSecond() {
      return proteins / seconds;
    }
  }

  private EncoderBenchmark() {}

  public static Result run(
      Path encoderOnnx,
      T5Config config,
      RuntimeOptions options,
      BatchLimits limits,
      List<ProteinSequence> set,
      Path workDir,
      PrintStream log) {
    // the batches the library forms on this device, as a loaded model would
    limits = ProtT5Model.encoderLimits(limits, options.device());
    double matmul =
        MatMulBaseline.gflops(workDir, options, 1024, config.dModel(), 4 * config.dModel(), 5);
    log.printf("matmul baseline: %.1f GFLOP/s%n", matmul);
    List<Integer> tokens = set.stream().map(s -> s.sequence().length() + 1).toList();
    List<List<Integer>> batches = new TokenBudgetBatcher(limits).batches(tokens, t -> t);
    double padding = TokenBudgetBatcher.paddingFraction(batches, t -> t);
    double flops = 0;
    for (List<Integer> batch : batches) {
      flops += EncoderFlops.batch(config, batch.size(), batch.get(batch.size() - 1));
    }
    try (EncoderModel encoder = EncoderModel.load(encoderOnnx, options)) {
      Embedder embedder = new Embedder(encoder, limits);
      // the first run pays for ONNX Runtime's per-shape setup; keep it out of the timing
      embedder.embed(List.of(set.get(0)));
      long residues = set.stream().mapToLong(s -> s.sequence().length()).sum();
      long start = System.nanoTime();
      embedder.embed(set, done -> log.printf("  %,d residues done%n", done));
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(
          set.size(),
          residues,
          seconds,
          padding,
          flops / seconds / 1e9,
          matmul,
          PeakMemory.peakRssBytes());
    }
  }
}
