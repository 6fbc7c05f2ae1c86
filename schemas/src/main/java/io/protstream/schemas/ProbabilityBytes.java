package io.protstream.schemas;

/**
 * The compact per-residue probabilities of {@code AnnotationEvent}: an L x C matrix of unsigned
 * bytes, row-major, probability = byte / 255. One byte keeps the annotation topic small; 1/255
 * resolution is well below the heads' calibration error.
 */
public final class ProbabilityBytes {

  /** Probability of one step of the quantized scale. */
  public static final float SCALE = 1f / 255f;

  private ProbabilityBytes() {}

  /** Quantizes a rectangular L x C matrix; values are clamped to [0, 1], NaN becomes 0. */
  public static byte[] encode(float[][] probabilities) {
    int cols = probabilities.length == 0 ? 0 : probabilities[0].length;
    byte[] out = new byte[Math.multiplyExact(probabilities.length, cols)];
    int i = 0;
    for (int r = 0; r < probabilities.length; r++) {
      if (probabilities[r].length != cols) {
        throw new IllegalArgumentException(
            "row " + r + " has " + probabilities[r].length + " values, row 0 has " + cols);
      }
      for (float p : probabilities[r]) {
        out[i++] = quantize(p);
      }
    }
    return out;
  }

  /** Expands an L x C byte matrix; the byte count must be rows * cols. */
  public static float[][] decode(byte[] bytes, int rows, int cols) {
    if (rows < 0 || cols < 0 || (long) rows * cols != bytes.length) {
      throw new IllegalArgumentException(bytes.length + " bytes for " + rows + " x " + cols);
    }
    float[][] out = new float[rows][cols];
    int i = 0;
    for (float[] row : out) {
      for (int c = 0; c < cols; c++) {
        row[c] = (bytes[i++] & 0xFF) * SCALE;
      }
    }
    return out;
  }

  static byte quantize(float p) {
    if (!(p > 0f)) {
      return 0;
    }
    if (p >= 1f) {
      return (byte) 255;
    }
    return (byte) Math.round(p * 255f);
  }
}
