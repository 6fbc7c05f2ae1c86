package io.protstream.embed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference fixture's cases (prott5-tiny: a tiny ProtT5-shaped encoder run through Hugging Face
 * transformers) with their expected per-protein and per-residue outputs.
 */
public final class ReferenceCases {

  /** One case: the sequence and what the reference implementation computed for it. */
  public record Case(String name, String sequence, float[] protein, float[] residues) {}

  private ReferenceCases() {}

  public static List<Case> all() {
    try (InputStream in = resource("prott5-tiny/cases.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Case> cases = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        cases.add(
            new Case(
                c.get("name").asText(),
                c.get("sequence").asText(),
                npy("prott5-tiny/" + c.get("protein").asText()),
                npy("prott5-tiny/" + c.get("residues").asText())));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A little-endian float32 .npy array, flattened (C order). */
  static float[] npy(String name) {
    try (InputStream in = resource(name)) {
      byte[] bytes = in.readAllBytes();
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int major = bytes[6];
      int headerLength = major == 1 ? b.getShort(8) & 0xFFFF : b.getInt(8);
      int start = (major == 1 ? 10 : 12) + headerLength;
      String header = new String(bytes, 0, start, StandardCharsets.ISO_8859_1);
      if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
        throw new IllegalArgumentException(name + ": not a C-order float32 array: " + header);
      }
      b.position(start);
      float[] values = new float[b.remaining() / 4];
      b.asFloatBuffer().get(values);
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ReferenceCases.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return in;
  }

  /** Largest |a - b| over the largest |expected|, the fixtures' tolerance measure. */
  public static double relativeError(float[] expected, float[] actual) {
    if (expected.length != actual.length) {
      throw new AssertionError(expected.length + " expected values, got " + actual.length);
    }
    double max = 0;
    double diff = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i]));
      diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
    }
    return max == 0 ? diff : diff / max;
  }
}
