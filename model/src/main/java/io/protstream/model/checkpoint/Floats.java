package io.protstream.model.checkpoint;

import io.protstream.schemas.Fp16Matrix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decodes stored tensor bytes into fp32. The binary16 conversion is the one of the residue
 * embedding wire format ({@link Fp16Matrix}), so there is one copy of it.
 */
public final class Floats {

  private static final Set<DType> DECODABLE =
      EnumSet.of(DType.F32, DType.F16, DType.BF16, DType.F64, DType.I64, DType.I32);

  private Floats() {}

  /**
   * Decodes {@code count} little-endian elements of {@code dtype} starting at the buffer's
   * position.
   */
  public static float[] decode(ByteBuffer source, DType dtype, int count) {
    ByteBuffer buf = source.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (!DECODABLE.contains(dtype)) {
      throw new CheckpointException("cannot read " + dtype + " tensors as floats");
    }
    long needed = (long) count * dtype.byteSize();
    if (count < 0 || needed > buf.remaining()) {
      throw new CheckpointException(
          count
              + " "
              + dtype
              + " elements need "
              + needed
              + " bytes, the data has "
              + buf.remaining());
    }
    float[] out = new float[count];
    switch (dtype) {
      case F32 -> buf.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < count; i++) {
          out[i] = Fp16Matrix.toFloat(buf.getShort(2 * i));
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
}
