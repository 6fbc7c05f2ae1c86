package io.protstream.model.cli;

import io.protstream.model.onnx.OnnxModelWriter;
import io.protstream.model.pipeline.HeadCheckpoints;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ModelConverter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Convert a Hugging Face ProtT5 encoder folder (config.json + model.safetensors or"
          + " pytorch_model.bin) and head checkpoints into a model folder of ONNX graphs and a"
          + " manifest."
    })
final class ConvertCommand implements Callable<Integer> {

  @Option(names = "--checkpoint", required = true, description = "encoder checkpoint folder")
  Path checkpoint;

  @Option(names = "--out", required = true, description = "model folder to write")
  Path out;

  @Option(names = "--secstruct", description = "ProtT5-sec checkpoint (secstruct_checkpoint.pt)")
  Path secstruct;

  @Option(names = "--localization", description = "Light Attention localization checkpoint")
  Path localization;

  @Option(names = "--membrane", description = "Light Attention membrane/solubility checkpoint")
  Path membrane;

  @Option(
      names = "--fp16",
      description =
          "store the encoder's weights in fp16 (half the size, exact for the published fp16"
              + " encoder; computation stays fp32)")
  boolean fp16;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Manifest m =
        new ModelConverter(new OnnxModelWriter(), fp16)
            .convert(checkpoint, new HeadCheckpoints(secstruct, localization, membrane), out);
    System.out.printf(
        "wrote %s: encoder %,d parameters, %d files, %.1f s%n",
        out, m.encoder().parameters(), m.files().size(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
