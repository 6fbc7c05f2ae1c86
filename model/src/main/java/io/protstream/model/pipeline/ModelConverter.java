package io.protstream.model.pipeline;

import io.protstream.model.checkpoint.Checkpoint;
import io.protstream.model.checkpoint.Checkpoints;
import io.protstream.model.onnx.GraphBuilder;
import io.protstream.model.onnx.LightAttentionGraph;
import io.protstream.model.onnx.OnnxModelWriter;
import io.protstream.model.onnx.SecStructGraph;
import io.protstream.model.onnx.T5Config;
import io.protstream.model.onnx.T5EncoderGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns checkpoints into a model folder: ONNX graphs for the encoder and each head, plus a
 * manifest. Weights stream from the checkpoint into the graph files one tensor at a time.
 */
public final class ModelConverter {

  public static final String ENCODER_FILE = "encoder.onnx";
  public static final String SECSTRUCT_FILE = "secstruct.onnx";
  public static final String LOCALIZATION_FILE = "localization.onnx";
  public static final String MEMBRANE_FILE = "membrane.onnx";

  private final OnnxModelWriter writer;
  private final boolean halfWeights;

  public ModelConverter() {
    this(new OnnxModelWriter(), false);
  }

  /**
   * @param halfWeights store the encoder's matrices in fp16 (half the size; computation stays fp32)
   */
  public ModelConverter(OnnxModelWriter writer, boolean halfWeights) {
    this.writer = writer;
    this.halfWeights = halfWeights;
  }

  /** Converts a Hugging Face T5 encoder folder ({@code config.json} and weights) and heads. */
  public Manifest convert(Path checkpointFolder, HeadCheckpoints heads, Path out) {
    T5Config config = T5Config.read(checkpointFolder.resolve("config.json"));
    try (Checkpoint encoder = Checkpoints.openEncoderFolder(checkpointFolder)) {
      return convert(
          config,
          encoder,
          heads == null ? HeadCheckpoints.none() : heads,
          Checkpoints::openFile,
          out,
          checkpointFolder.toAbsolutePath().toString());
    }
  }

  /** Converts from already opened weights; {@code openHead} opens each non-null head path. */
  public Manifest convert(
      T5Config config,
      Checkpoint encoder,
      HeadCheckpoints heads,
      Function<Path, Checkpoint> openHead,
      Path out,
      String source) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out, e);
    }
    List<Path> written = new ArrayList<>();
    OnnxModelWriter.Written enc =
        writer.write(
            T5EncoderGraph.build(config, encoder),
            out.resolve(ENCODER_FILE),
            Map.of("protstream.graph", "t5-encoder"));
    written.addAll(enc.files());
    Manifest.Encoder encoderEntry =
        new Manifest.Encoder(
            ENCODER_FILE, config.toJson(), enc.parameterCount(), halfWeights ? "fp16" : "fp32");

    Manifest.Head secstruct = null;
    if (heads.secstruct() != null) {
      secstruct =
          head(
              openHead,
              heads.secstruct(),
              SecStructGraph::build,
              out.resolve(SECSTRUCT_FILE),
              written,
              Map.of("dssp3", Labels.DSSP3, "dssp8", Labels.DSSP8, "disorder", Labels.DISORDER));
    }
    Manifest.Head localization = null;
    if (heads.localization() != null) {
      localization =
          head(
              openHead,
              heads.localization(),
              LightAttentionGraph::build,
              out.resolve(LOCALIZATION_FILE),
              written,
              Map.of("localization", Labels.LOCALIZATION));
    }
    Manifest.Head membrane = null;
    if (heads.membrane() != null) {
      membrane =
          head(
              openHead,
              heads.membrane(),
              LightAttentionGraph::build,
              out.resolve(MEMBRANE_FILE),
              written,
              Map.of("membrane", Labels.MEMBRANE));
    }
    List<Manifest.FileEntry> files = new ArrayList<>();
    for (Path p : written) {
      files.add(new Manifest.FileEntry(out.relativize(p).toString(), size(p), Checksums.sha256(p)));
    }
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT, source, encoderEntry, secstruct, localization, membrane, files);
    manifest.write(out);
    // the hashes were computed from the files just written: the first open need not redo them
    ModelIntegrity.recordVerified(out, manifest);
    return manifest;
  }

  private Manifest.Head head(
      Function<Path, Checkpoint> open,
      Path checkpointFile,
      Function<Checkpoint, GraphBuilder> graph,
      Path target,
      List<Path> written,
      Map<String, List<String>> labels) {
    try (Checkpoint ckpt = open.apply(checkpointFile)) {
      OnnxModelWriter.Written w = writer.write(graph.apply(ckpt), target, Map.of());
      written.addAll(w.files());
      return new Manifest.Head(target.getFileName().toString(), labels, w.parameterCount());
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
