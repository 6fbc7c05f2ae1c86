package io.protstream.predict.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.protstream.model.pipeline.HeadCheckpoints;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ModelConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tiny reference checkpoint of the test resources, converted once per test JVM into a model
 * folder under {@code target/}, and its cases with their per-residue embeddings and expected head
 * logits.
 */
public final class TinyModel {

  /** One reference case: its sequence, embeddings [L x d] and expected logits. */
  public record Case(String name, String sequence, int length, int dimension, float[] residues) {

    public float[] logits(String head) {
      return npy(root().resolve("expected/" + name + "." + head + "_logits.npy")).values();
    }
  }

  private static Path folder;

  private TinyModel() {}

  /** The converted model folder (all three heads). */
  public static synchronized Path folder() {
    if (folder == null) {
      Path out = Path.of("target", "tiny-model").toAbsolutePath();
      Path fixture = root();
      new ModelConverter()
          .convert(
              fixture.resolve("encoder"),
              new HeadCheckpoints(
                  fixture.resolve("heads/secstruct_checkpoint.pt"),
                  fixture.resolve("heads/la_subcellular_localization.pt"),
                  fixture.resolve("heads/la_subcellular_solubility.pt")),
              out);
      folder = out;
    }
    return folder;
  }

  /**
   * The encoder id events must carry for this folder, computed here from the encoder file's
   * SHA-256: {@code prott5-} and its first 12 hex digits.
   */
  public static String encoderId() {
    Path encoder = folder().resolve(Manifest.read(folder()).encoder().file());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(encoder));
      return "prott5-" + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Case> cases() {
    try {
      JsonNode json = new ObjectMapper().readTree(root().resolve("cases.json").toFile());
      List<Case> out = new ArrayList<>();
      for (JsonNode c : json.get("cases")) {
        String name = c.get("name").asText();
        Array residues = npy(root().resolve("expected/" + name + ".residues.npy"));
        out.add(
            new Case(
                name,
                c.get("sequence").asText(),
                (int) residues.shape()[0],
                (int) residues.shape()[1],
                residues.values()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Case byName(String name) {
    return cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  static Path root() {
    try {
      return Path.of(TinyModel.class.getResource("/prott5-tiny/cases.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A float32 array, row-major. */
  record Array(long[] shape, float[] values) {}

  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  /** Reads a little-endian float32 .npy file (1-D or 2-D, C or Fortran order). */
  static Array npy(Path file) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      int headerLength = b.getShort(8) & 0xffff;
      String header = new String(b.array(), 10, headerLength, StandardCharsets.US_ASCII);
      if (!header.contains("'<f4'")) {
        throw new IOException(file + ": not float32: " + header);
      }
      Matcher m = SHAPE.matcher(header);
      if (!m.find()) {
        throw new IOException(file + ": no shape: " + header);
      }
      long[] shape =
          java.util.Arrays.stream(m.group(1).split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .mapToLong(Long::parseLong)
              .toArray();
      int n = 1;
      for (long s : shape) {
        n *= (int) s;
      }
      float[] raw = new float[n];
      b.position(10 + headerLength);
      b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(raw);
      if (header.contains("'fortran_order': True") && shape.length == 2) {
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] rowMajor = new float[n];
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            rowMajor[r * cols + c] = raw[c * rows + r];
          }
        }
        raw = rowMajor;
      }
      return new Array(shape, raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
