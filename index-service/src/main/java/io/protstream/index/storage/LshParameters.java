package io.protstream.index.storage;

import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.ProteinEmbedding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The LSH settings: bits per table (k), tables (L), extra probes per table, candidates whose exact
 * vectors are read (the best by sketch-estimated distance), and, used only when the index is
 * created, the hyperplane seed (random when empty) and the hyperplanes' common point (halfway to
 * the first indexed vector when empty; the mean of a sample of the data is better: each hyperplane
 * then splits the data evenly) and the projection the bucket rows' sketches keep (random from the
 * seed when empty; the principal axes of a sample are better).
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

  static LshParameters of(IndexConfig.Lsh lsh) {
    return new LshParameters(
        lsh.bits(),
        lsh.tables(),
        lsh.probes(),
        lsh.rescored(),
        lsh.seed(),
        lsh.centerFile().map(LshParameters::readCenter),
        Optional.empty());
  }

  private static float[] readCenter(Path file) {
    try {
      long size = Files.size(file);
      if (size == 0 || size % 4 != 0 || size > MAX_CENTER_BYTES) {
        throw new IllegalArgumentException(
            "LSH center file " + file + " must hold 1 to 65536 float32 values: " + size + " bytes");
      }
      float[] center = ProteinEmbedding.vectorFrom(ByteBuffer.wrap(Files.readAllBytes(file)));
      for (float v : center) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("LSH center file " + file + " holds " + v);
        }
      }
      return center;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the LSH center file " + file, e);
    }
  }
}
