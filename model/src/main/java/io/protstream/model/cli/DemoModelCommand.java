package io.protstream.model.cli;

import io.protstream.model.pipeline.DemoModels;
import io.protstream.model.pipeline.Manifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo-model",
    mixinStandardHelpOptions = true,
    description = {
      "Write a deterministic random ProtT5-shaped model folder with all heads, for demos, tests and"
          + " benchmarks (xl: the real ProtT5-XL shape, 4.8 GB)."
    })
final class DemoModelCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "model folder to write")
  Path out;

  @Option(
      names = "--size",
      defaultValue = "tiny",
      description = "tiny or xl (default: ${DEFAULT-VALUE})")
  String size;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Manifest m = DemoModels.create(DemoModels.Size.parse(size), seed, out);
    System.out.printf(
        "wrote %s: %s encoder, %,d parameters, %.1f s%n",
        out, size, m.encoder().parameters(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
