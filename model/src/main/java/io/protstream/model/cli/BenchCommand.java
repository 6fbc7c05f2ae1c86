package io.protstream.model.cli;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.bench.ComparisonBenchmark;
import io.protstream.model.bench.EncoderBenchmark;
import io.protstream.model.bench.LengthMix;
import io.protstream.model.bench.PythonReference;
import io.protstream.model.onnx.T5Config;
import io.protstream.model.pipeline.DemoModels;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ModelConverter;
import io.protstream.model.pipeline.ProteinSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the encoder on a fixed UniProt-like length mix: residues/s, padding, peak RSS,"
          + " and achieved GFLOP/s relative to a plain fp32 matrix multiply in the same run.",
      "With --compare: the same proteins through this library, the same encoder graph in ONNX"
          + " Runtime from Python, and Hugging Face transformers (each when importable), with"
          + " their ratios."
    })
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--model", description = "model folder; default: a demo model made for the run")
  Path model;

  @Option(
      names = "--size",
      defaultValue = "xl",
      description = "demo model size: tiny or xl (default: ${DEFAULT-VALUE})")
  String size;

  @Option(
      names = "--proteins",
      description = "sequences in the set (default: 64, with --compare 8)")
  Integer proteins;

  @Option(
      names = "--layers",
      description = "encoder layers of the demo model made for the run (default: the size's own)")
  Integer layers;

  @Option(
      names = "--compare",
      description = "also run the set in ONNX Runtime and transformers from Python")
  boolean compare;

  @Option(
      names = "--python",
      defaultValue = "python3",
      description = "Python interpreter for --compare (default: ${DEFAULT-VALUE} on PATH)")
  String python;

  @Option(
      names = "--repeats",
      defaultValue = "1",
      description = "timed passes per path with --compare; the best counts")
  int repeats;

  @Option(
      names = "--max-protein-length",
      defaultValue = "1000",
      description = "longest sequence in the set")
  int maxProteinLength;

  @Option(names = "--seed", defaultValue = "7", description = "seed of the set")
  long seed;

  @Mixin RuntimeMixin runtime;

  @Override
  public Integer call() throws IOException {
    Path work = Files.createTempDirectory("protstream-bench");
    try {
      Path folder = model;
      if (folder == null) {
        folder = work.resolve("model");
        long start = System.nanoTime();
        T5Config shape = DemoModels.Size.parse(size).config();
        if (layers != null) {
          shape = withLayers(shape, layers);
        }
        DemoModels.create(shape, 42, folder, new ModelConverter());
        System.out.printf(
            "demo model (%s) written in %.1f s%n", size, (System.nanoTime() - start) / 1e9);
      }
      Manifest manifest = Manifest.read(folder);
      T5Config config =
          T5Config.fromJson(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .valueToTree(manifest.encoder().config()));
      int count = proteins != null ? proteins : compare ? 8 : 64;
      List<ProteinSequence> set = LengthMix.sequences(count, maxProteinLength, seed);
      BatchLimits limits = runtime.limits();
      System.out.printf(
          "encoder: d_model %d, %d heads x %d, d_ff %d, %d layers; device %s; %d proteins; limits"
              + " %s%n",
          config.dModel(),
          config.numHeads(),
          config.dKv(),
          config.dFf(),
          config.numLayers(),
          runtime.device,
          count,
          limits);
      if (compare) {
        ComparisonBenchmark.print(
            ComparisonBenchmark.run(
                folder,
                runtime.options(),
                limits,
                set,
                repeats,
                new PythonReference(python, work),
                work,
                System.out),
            System.out);
        return 0;
      }
      EncoderBenchmark.Result r =
          EncoderBenchmark.run(
              folder.resolve(manifest.encoder().file()),
              config,
              runtime.options(),
              limits,
              set,
              work,
              System.out);
      System.out.printf("proteins:           %d (%,d residues)%n", r.proteins(), r.residues());
      System.out.printf("time:               %.1f s%n", r.seconds());
      System.out.printf("residues/s:         %.1f%n", r.residuesPerSecond());
      System.out.printf("proteins/s:         %.3f%n", r.proteinsPerSecond());
      System.out.printf("padding fraction:   %.1f %%%n", 100 * r.paddingFraction());
      System.out.printf("encoder GFLOP/s:    %.1f%n", r.encoderGflops());
      System.out.printf("matmul GFLOP/s:     %.1f%n", r.matmulGflops());
      System.out.printf("encoder / matmul:   %.2f%n", r.encoderGflops() / r.matmulGflops());
      System.out.printf("peak RSS:           %.2f GiB%n", r.peakRssBytes() / (double) (1L << 30));
      return 0;
    } finally {
      deleteRecursively(work);
    }
  }

  private static T5Config withLayers(T5Config c, int layers) {
    if (layers < 1) {
      throw new IllegalArgumentException("--layers must be at least 1, not " + layers);
    }
    return new T5Config(
        c.vocabSize(),
        c.dModel(),
        c.dKv(),
        c.dFf(),
        layers,
        c.numHeads(),
        c.relativeBuckets(),
        c.relativeMaxDistance(),
        c.layerNormEpsilon(),
        c.feedForward());
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
