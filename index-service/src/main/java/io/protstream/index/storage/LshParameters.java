package io.protstream.index.storage;

import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.ProteinEmbedding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The LSH settings: bits per table (k), tables (L), extra probes per table, candidates whose exact
 * vectors are read (the best by sketch-estimated distance), and, used only when the index is
 * created, the hyperplane seed (random when empty) and the hyperplanes' common point (halfway to
 * the first indexed vector when empty; the mean of a sample of the data is better: each hyperplane
 * then splits the data evenly) and the projection the bucket rows' sketches keep and the
 * hyperplanes are drawn in (random from the seed when empty; the principal axes of a sample are
 * better).
 */
public record LshParameters(
    int bits,
    int tables,
    int probes,
    int rescored,
    Optional<Long> seed,
    Optional<float[]> center,
    Optional<float[][]> projection) {

  /** The widest center file read: 64 Ki float32 values. */
  private static final long MAX_CENTER_BYTES = 4L * 65536;

  /** The most axes an axes file may declare. */
  static final int MAX_AXES = 256;

  /** How far declared axes may be from unit length and from right angles. */
  private static final double ORTHONORMAL_TOLERANCE = 1e-3;

  static LshParameters of(IndexConfig.Lsh lsh) {
    Optional<float[]> center = lsh.centerFile().map(LshParameters::readCenter);
    return new LshParameters(
        lsh.bits(),
        lsh.tables(),
        lsh.probes(),
        lsh.rescored(),
        lsh.seed(),
        center,
        lsh.axesFile().map(file -> readAxes(file, center)));
  }

  static float[] readCenter(Path file) {
    return readFloats(file, "center", MAX_CENTER_BYTES);
  }

  /**
   * Axes of the center's width (when a center is declared), unit length and at right angles,
   * refused otherwise: the sketches' distance estimate holds only for orthonormal axes.
   */
  static float[][] readAxes(Path file, Optional<float[]> center) {
    int width = center.map(c -> c.length).orElse(0);
    if (width == 0) {
      throw new IllegalArgumentException(
          "LSH axes file " + file + " needs a center file that gives the embedding width");
    }
    float[] flat = readFloats(file, "axes", MAX_CENTER_BYTES * MAX_AXES);
    if (flat.length % width != 0) {
      throw new IllegalArgumentException(
          "LSH axes file " + file + " holds " + flat.length + " values, not rows of " + width);
    }
    float[][] axes = new float[flat.length / width][];
    for (int r = 0; r < axes.length; r++) {
      axes[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
    }
    for (int r = 0; r < axes.length; r++) {
      for (int q = 0; q <= r; q++) {
        double dot = 0;
        for (int i = 0; i < width; i++) {
          dot += (double) axes[r][i] * axes[q][i];
        }
        double expected = q == r ? 1 : 0;
        if (Math.abs(dot - expected) > ORTHONORMAL_TOLERANCE) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "LSH axes file %s: rows %d and %d have dot product %.4f, not %.0f"
                      + " (the axes must be orthonormal)",
                  file,
                  q,
                  r,
                  dot,
                  expected));
        }
      }
    }
    return axes;
  }

  /** Little-endian float32 values, finite, at most {@code maxBytes} of them, refused otherwise. */
  private static float[] readFloats(Path file, String what, long maxBytes) {
    try {
      long size = Files.size(file);
      if (size == 0 || size % 4 != 0 || size > maxBytes) {
        throw new IllegalArgumentException(
            "LSH "
                + what
                + " file "
                + file
                + " must hold 1 to "
                + maxBytes / 4
                + " float32 values: "
                + size
                + " bytes");
      }
      float[] values = ProteinEmbedding.vectorFrom(ByteBuffer.wrap(Files.readAllBytes(file)));
      for (float v : values) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("LSH " + what + " file " + file + " holds " + v);
        }
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the LSH " + what + " file " + file, e);
    }
  }
}
