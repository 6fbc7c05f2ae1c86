package io.protstream.model.bench;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.onnx.T5Config;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.OnnxSession;
import io.protstream.model.runtime.OptimizedGraphCache;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.model.tokenizer.ProtT5Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The same proteins through (a) this library's path as the services use it ({@link ProtT5Model}
 * with its batching), (b) the same encoder graph in ONNX Runtime from Python, and (c) Hugging Face
 * transformers with the graph's weights, one after another in one run, so that the ratios compare
 * implementations rather than machines or moments.
 */
public final class ComparisonBenchmark {

  /** One path's numbers; {@code skipped} says why a path did not run. */
  public record Row(
      String path,
      String version,
      double openSeconds,
      double bestSeconds,
      double residuesPerSecond,
      double usefulGflops,
      double maxRelativeDifference,
      String skipped) {}

  /** What the run measured. */
  public record Report(
      double matmulGflops,
      long residues,
      double cachedOpenSeconds,
      Row java,
      Row onnxRuntime,
      Row transformers) {

    /** (a) / (b) in residues/s; NaN when (b) did not run. */
    public double javaOverOnnxRuntime() {
      return java.residuesPerSecond() / onnxRuntime.residuesPerSecond();
    }

    /** (a) / (c) in residues/s; NaN when (c) did not run. */
    public double javaOverTransformers() {
      return java.residuesPerSecond() / transformers.residuesPerSecond();
    }
  }

  private ComparisonBenchmark() {}

  /**
   * @param repeats timed passes over the set per path (the best counts), after one warm-up protein
   */
  public static Report run(
      Path modelFolder,
      RuntimeOptions options,
      BatchLimits limits,
      List<ProteinSequence> set,
      int repeats,
      PythonReference python,
      Path workDir,
      PrintStream log) {
    Manifest manifest = Manifest.read(modelFolder);
    T5Config config =
        T5Config.fromJson(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(manifest.encoder().config()));
    double matmul =
        MatMulBaseline.gflops(workDir, options, 1024, config.dModel(), 4 * config.dModel(), 5);
    log.printf("matmul baseline: %.1f GFLOP/s%n", matmul);
    ProtT5Tokenizer tokenizer = new ProtT5Tokenizer();
    List<int[]> tokens = set.stream().map(s -> tokenizer.encode(s.sequence())).toList();
    long residues = set.stream().mapToLong(s -> s.sequence().length()).sum();
    // useful work: every protein on its own, no padding
    double flops = 0;
    for (int[] ids : tokens) {
      flops += EncoderFlops.batch(config, 1, ids.length);
    }

    Path encoderFile = modelFolder.resolve(manifest.encoder().file());
    boolean cachedBefore = hasOptimizedCopies(modelFolder);
    log.printf(
        "(a) opening %s (%s)%n",
        modelFolder, cachedBefore ? "optimised copy cached" : "no optimised copy yet");
    long start = System.nanoTime();
    ProtT5Model model = ProtT5Model.open(modelFolder, options, limits);
    double openSeconds = (System.nanoTime() - start) / 1e9;
    double cachedOpen = cachedBefore ? openSeconds : Double.NaN;
    List<Double> seconds = new ArrayList<>();
    float[] first;
    try {
      if (!cachedBefore) {
        model.close();
        start = System.nanoTime();
        model = ProtT5Model.open(modelFolder, options, limits);
        cachedOpen = (System.nanoTime() - start) / 1e9;
      }
      log.printf("    open %.1f s, from the optimised copy %.1f s%n", openSeconds, cachedOpen);
      model.embed(List.of(set.get(0)));
      first = null;
      for (int r = 0; r < repeats; r++) {
        start = System.nanoTime();
        List<EmbeddingResult> out = model.embed(set);
        seconds.add((System.nanoTime() - start) / 1e9);
        first = out.get(0).embedding().protein();
        log.printf("    pass %d: %.1f s%n", r + 1, seconds.get(r));
      }
    } finally {
      model.close();
    }
    String engine = "DJL ONNX Runtime " + OnnxSession.runtimeVersion();
    Row java =
        row(
            "(a) protstream ProtT5Model",
            engine + ", " + describe(ProtT5Model.encoderLimits(limits, options.device())),
            openSeconds,
            seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
            residues,
            flops,
            first,
            first,
            null);
    // the JVM's share of memory goes back before the Python processes load their copy
    System.gc();

    Row ort =
        outside(
            "(b) ONNX Runtime, Python",
            python,
            PythonReference.Kind.ONNX_RUNTIME,
            encoderFile,
            manifest,
            tokens,
            options,
            repeats,
            residues,
            flops,
            first,
            log);
    Row hf =
        outside(
            "(c) Hugging Face transformers",
            python,
            PythonReference.Kind.TRANSFORMERS,
            encoderFile,
            manifest,
            tokens,
            options,
            repeats,
            residues,
            flops,
            first,
            log);
    return new Report(matmul, residues, cachedOpen, java, ort, hf);
  }

  private static Row outside(
      String label,
      PythonReference python,
      PythonReference.Kind kind,
      Path encoderFile,
      Manifest manifest,
      List<int[]> tokens,
      RuntimeOptions options,
      int repeats,
      long residues,
      double flops,
      float[] reference,
      PrintStream log) {
    log.printf("%s ...%n", label);
    PythonReference.Outcome o =
        python.run(
            kind,
            encoderFile,
            manifest.encoder().config(),
            tokens,
            options.intraOpThreads(),
            repeats);
    if (!o.ran()) {
      log.printf("    skipped: %s%n", o.skipped());
      return new Row(
          label, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, o.skipped());
    }
    log.printf("    open %.1f s, passes %s s%n", o.openSeconds(), o.seconds());
    return row(
        label,
        o.version(),
        o.openSeconds(),
        o.bestSeconds(),
        residues,
        flops,
        o.firstProtein(),
        reference,
        null);
  }

  private static Row row(
      String label,
      String version,
      double open,
      double best,
      long residues,
      double flops,
      float[] firstProtein,
      float[] reference,
      String skipped) {
    return new Row(
        label,
        version,
        open,
        best,
        residues / best,
        flops / best / 1e9,
        maxRelativeDifference(firstProtein, reference),
        skipped);
  }

  /** max |x - reference| over max |reference|: whether a path computed the same network. */
  static double maxRelativeDifference(float[] x, float[] reference) {
    if (x == null || reference == null || x.length != reference.length) {
      return Double.NaN;
    }
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < x.length; i++) {
      diff = Math.max(diff, Math.abs(x[i] - reference[i]));
      scale = Math.max(scale, Math.abs(reference[i]));
    }
    return scale == 0 ? diff : diff / scale;
  }

  /** Prints the report as a table and the two ratios. */
  public static void print(Report r, PrintStream out) {
    out.printf(
        "%-32s %10s %8s %8s %9s %7s %9s  %s%n",
        "path", "residues/s", "best s", "open s", "GFLOP/s", "of GEMM", "max rel Δ", "runtime");
    for (Row row : List.of(r.java(), r.onnxRuntime(), r.transformers())) {
      if (row.skipped() != null) {
        out.printf("%-32s skipped: %s%n", row.path(), row.skipped());
        continue;
      }
      out.printf(
          "%-32s %10.1f %8.1f %8.1f %9.1f %7.2f %9.1e  %s%n",
          row.path(),
          row.residuesPerSecond(),
          row.bestSeconds(),
          row.openSeconds(),
          row.usefulGflops(),
          row.usefulGflops() / r.matmulGflops(),
          row.maxRelativeDifference(),
          row.version());
    }
    out.printf("residues: %,d; matmul baseline %.1f GFLOP/s%n", r.residues(), r.matmulGflops());
    out.printf("(a) open from the optimised copy: %.1f s%n", r.cachedOpenSeconds());
    out.printf("(a)/(b): %s%n", ratio(r.javaOverOnnxRuntime()));
    out.printf("(a)/(c): %s%n", ratio(r.javaOverTransformers()));
  }

  private static String ratio(double v) {
    return Double.isNaN(v) ? "n/a (path skipped)" : String.format("%.2f", v);
  }

  private static String describe(BatchLimits l) {
    return l.maxBatchSize() == 1
        ? "one protein per run"
        : "batches of up to " + l.maxBatchSize() + " / " + l.maxTokens() + " tokens";
  }

  private static boolean hasOptimizedCopies(Path folder) {
    Path cache = folder.resolve(OptimizedGraphCache.FOLDER);
    if (!Files.isDirectory(cache)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(cache)) {
      return entries.anyMatch(p -> !p.getFileName().toString().contains(".staging-"));
    } catch (IOException e) {
      return false;
    }
  }
}
