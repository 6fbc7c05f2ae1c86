package io.protstream.model.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model folder: what each graph is, its label orders, and the size and
 * SHA-256 of every file, so a deployment can verify it is serving the model it thinks it is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    String format,
    String source,
    Encoder encoder,
    Head secstruct,
    Head localization,
    Head membrane,
    List<FileEntry> files) {

  public static final String FORMAT = "protstream-model/1";
  public static final String FILE_NAME = "manifest.json";

  /** The encoder graph and the sizes it was built for. */
  public record Encoder(
      String file, Map<String, Object> config, long parameters, String weightPrecision) {}

  /** A head graph and the label order of each of its outputs. */
  public record Head(String file, Map<String, List<String>> labels, long parameters) {}

  public record FileEntry(String path, long bytes, String sha256) {}

  /** Hex digits of a file's SHA-256 that a model id carries. */
  static final int ID_HASH_DIGITS = 12;

  /**
   * Identifies the encoder in events: {@code demo-<hash>} for a demo model, else {@code
   * prott5-<hash>}, where {@code <hash>} is the start of the encoder graph's SHA-256. Equal ids
   * mean the same weights.
   */
  public String encoderId() {
    String family = source != null && source.startsWith("demo-model") ? "demo" : "prott5";
    return family + "-" + shortHash(encoder.file());
  }

  /** Identifies a head in events: its file's stem and the start of its SHA-256. */
  public String headId(Head head) {
    String stem =
        head.file().endsWith(".onnx")
            ? head.file().substring(0, head.file().length() - 5)
            : head.file();
    return stem + "-" + shortHash(head.file());
  }

  private String shortHash(String path) {
    for (FileEntry f : files == null ? List.<FileEntry>of() : files) {
      if (f.path().equals(path)) {
        return f.sha256().substring(0, Math.min(ID_HASH_DIGITS, f.sha256().length()));
      }
    }
    throw new IllegalStateException("manifest lists no file " + path);
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path folder) {
    try {
      JSON.writeValue(folder.resolve(FILE_NAME).toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write manifest in " + folder, e);
    }
  }

  public static Manifest read(Path folder) {
    Path file = folder.resolve(FILE_NAME);
    try {
      Manifest m = JSON.readValue(file.toFile(), Manifest.class);
      if (!FORMAT.equals(m.format())) {
        throw new IllegalArgumentException(file + ": unknown format " + m.format());
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + " (create a model folder with 'convert' or 'demo-model')", e);
    }
  }
}
