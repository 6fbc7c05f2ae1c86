package io.protstream.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Packs float matrices as IEEE 754 binary16 (half precision), little-endian, row-major: the layout
 * of {@code ResidueEmbeddingEvent.residues}. Halving the size matters because a per-residue
 * embedding is L x 1024 values. Conversion rounds to nearest, ties to even; values beyond the half
 * range become infinities, NaN stays NaN. Written by hand because {@code Float.floatToFloat16}
 * needs Java 20.
 */
public final class Fp16Matrix {

  private Fp16Matrix() {}

  /** Encodes a rectangular matrix, rows one after the other. */
  public static byte[] encode(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    ByteBuffer out =
        ByteBuffer.allocate(Math.multiplyExact(2, Math.multiplyExact(rows.length, cols)));
    out.order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException(
            "row " + r + " has " + rows[r].length + " values, row 0 has " + cols);
      }
      for (float v : rows[r]) {
        out.putShort(toHalf(v));
      }
    }
    return out.array();
  }

  /** Encodes a flat row-major matrix (or a vector). */
  public static byte[] encode(float[] values) {
    ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(2, values.length));
    out.order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      out.putShort(toHalf(v));
    }
    return out.array();
  }

  /** Decodes all values, row-major. */
  public static float[] decodeFlat(byte[] bytes) {
    return decodeFlat(ByteBuffer.wrap(bytes));
  }

  /** Decodes the remaining bytes of a buffer (its position is left unchanged). */
  public static float[] decodeFlat(ByteBuffer bytes) {
    ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (in.remaining() % 2 != 0) {
      throw new IllegalArgumentException("odd byte count " + in.remaining());
    }
    float[] values = new float[in.remaining() / 2];
    for (int i = 0; i < values.length; i++) {
      values[i] = toFloat(in.getShort());
    }
    return values;
  }

  /** Decodes a rows x cols matrix; the byte count must be exactly 2 * rows * cols. */
  public static float[][] decode(byte[] bytes, int rows, int cols) {
    return decode(ByteBuffer.wrap(bytes), rows, cols);
  }

  /** Decodes a rows x cols matrix from a buffer's remaining bytes (position left unchanged). */
  public static float[][] decode(ByteBuffer bytes, int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
    }
    ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long expected = 2L * rows * cols;
    if (in.remaining() != expected) {
      throw new IllegalArgumentException(
          in.remaining() + " bytes for " + rows + " x " + cols + " halves (" + expected + ")");
    }
    float[][] matrix = new float[rows][cols];
    for (float[] row : matrix) {
      for (int c = 0; c < cols; c++) {
        row[c] = toFloat(in.getShort());
      }
    }
    return matrix;
  }

  /** float to binary16 bits, round to nearest even. */
  public static short toHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xFF;
    int mantissa = bits & 0x7F_FFFF;

    if (exponent == 0xFF) {
      if (mantissa == 0) {
        return (short) (sign | 0x7C00);
      }
      // keep the top payload bits; a payload living only in the dropped bits must still be NaN
      int payload = mantissa >>> 13;
      return (short) (sign | 0x7C00 | (payload == 0 ? 0x200 : payload));
    }

    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (halfExponent <= 0) {
      // subnormal half (or zero): value in units of 2^-24 is significand >> shift
      int shift = 14 - halfExponent;
      if (shift > 24) {
        return (short) sign; // below half of the smallest subnormal
      }
      int significand = mantissa | 0x80_0000;
      return (short) (sign | roundShift(significand, shift));
    }
    // normal: drop 13 mantissa bits; a carry into the exponent is the correct next value (even inf)
    int half = (halfExponent << 10) | (mantissa >>> 13);
    int dropped = mantissa & 0x1FFF;
    if (dropped > 0x1000 || (dropped == 0x1000 && (half & 1) != 0)) {
      half++;
    }
    return (short) (sign | half);
  }

  private static int roundShift(int value, int shift) {
    int kept = value >>> shift;
    int dropped = value & ((1 << shift) - 1);
    int halfway = 1 << (shift - 1);
    if (dropped > halfway || (dropped == halfway && (kept & 1) != 0)) {
      kept++;
    }
    return kept;
  }

  /** binary16 bits to float; exact. */
  public static float toFloat(short half) {
    int h = half & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f; // exact: at most 10 significant bits
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
