package io.protstream.model.cli;

import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ModelIntegrity;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Hash every file of a model folder and compare it with the manifest (opening a folder only"
          + " re-hashes files whose size or modification time changed)."
    })
final class VerifyCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, description = "model folder")
  Path model;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Manifest manifest = Manifest.read(model);
    int files = ModelIntegrity.verifyFully(model, manifest);
    System.out.printf(
        "%s: %d files match the manifest (%.1f s)%n",
        model, files, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
