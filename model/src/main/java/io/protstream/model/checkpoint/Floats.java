package io.protstream.model.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes stored tensor bytes into fp32. */
public final class Floats {

  private Floats() {}

  /**
   * Decodes {@code count} little-endian elements of {@code dtype} starting at the buffer's
   * position.
   */
  public static float[] decode(ByteBuffer source, DType dtype, int count) {
    ByteBuffer buf = source.slice().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[count];
    switch (dtype) {
      case F32 -> buf.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < count; i++) {
          out[i] = halfToFloat(buf.getShort(2 * i));
        }
      }
      case BF16 -> {
        for (int i = 0; i < count; i++) {
          out[i] = Float.intBitsToFloat((buf.getShort(2 * i) & 0xffff) << 16);
        }
      }
      case F64 -> {
        for (int i = 0; i < count; i++) {
          out[i] = (float) buf.getDouble(8 * i);
        }
      }
      case I64 -> {
        for (int i = 0; i < count; i++) {
          out[i] = buf.getLong(8 * i);
        }
      }
      case I32 -> {
        for (int i = 0; i < count; i++) {
          out[i] = buf.getInt(4 * i);
        }
      }
      default -> throw new CheckpointException("cannot read " + dtype + " tensors as floats");
    }
    return out;
  }

  /** IEEE 754 binary16 to binary32, exact for every value including subnormals, inf and NaN. */
  public static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      // subnormal: value = mantissa * 2^-24
      float value = mantissa * 0x1p-24f;
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** binary32 to binary16 with round-to-nearest-even, for writing fp16 weights. */
  public static short floatToHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exponent == 0xff) {
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
    }
    int e = exponent - 127 + 15;
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign;
      }
      mantissa |= 0x800000;
      int shift = 14 - e;
      int half = mantissa >> shift;
      int rest = mantissa & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mantissa >> 13);
    int rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
      half++;
    }
    return (short) (sign | half);
  }
}
