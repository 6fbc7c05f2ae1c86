package io.protstream.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class Fp16MatrixTest {

  private static boolean isHalfNaN(short h) {
    return (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0;
  }

  @Test
  void everyHalfRoundTripsThroughFloat() {
    for (int bits = 0; bits <= 0xFFFF; bits++) {
      short half = (short) bits;
      float f = Fp16Matrix.toFloat(half);
      short back = Fp16Matrix.toHalf(f);
      if (isHalfNaN(half)) {
        assertTrue(Float.isNaN(f), Integer.toHexString(bits));
        assertTrue(isHalfNaN(back), Integer.toHexString(bits));
        assertEquals(half & 0x8000, back & 0x8000, "NaN keeps its sign");
      } else {
        assertEquals(half, back, Integer.toHexString(bits));
      }
    }
  }

  @Test
  void halfToFloatIsExact() {
    // every finite half is m * 2^e; compare with the value computed in double
    for (int bits = 0; bits <= 0xFFFF; bits++) {
      int exponent = (bits >>> 10) & 0x1F;
      if (exponent == 0x1F) {
        continue;
      }
      int mantissa = bits & 0x3FF;
      double magnitude =
          exponent == 0
              ? mantissa * Math.pow(2, -24)
              : (1024 + mantissa) * Math.pow(2, exponent - 25);
      double expected = (bits & 0x8000) != 0 ? -magnitude : magnitude;
      assertEquals(expected, Fp16Matrix.toFloat((short) bits), 0.0, Integer.toHexString(bits));
    }
  }

  @Test
  void knownValues() {
    assertEquals((short) 0x3C00, Fp16Matrix.toHalf(1f));
    assertEquals((short) 0xC000, Fp16Matrix.toHalf(-2f));
    assertEquals((short) 0x7BFF, Fp16Matrix.toHalf(65504f));
    assertEquals((short) 0x0001, Fp16Matrix.toHalf(0x1p-24f));
    assertEquals((short) 0x0400, Fp16Matrix.toHalf(0x1p-14f));
    assertEquals((short) 0x3555, Fp16Matrix.toHalf(1f / 3f));
    assertEquals((short) 0x8000, Fp16Matrix.toHalf(-0f));
    assertEquals((short) 0x7C00, Fp16Matrix.toHalf(Float.POSITIVE_INFINITY));
    assertEquals((short) 0xFC00, Fp16Matrix.toHalf(Float.NEGATIVE_INFINITY));
    assertTrue(isHalfNaN(Fp16Matrix.toHalf(Float.NaN)));
    // a float NaN whose payload lies only in the bits a half drops must stay NaN
    assertTrue(isHalfNaN(Fp16Matrix.toHalf(Float.intBitsToFloat(0x7F800001))));
  }

  /**
   * Round to nearest, ties to even, checked at every boundary: between each pair of adjacent
   * non-negative halves, the exact midpoint goes to the even one and the floats just beside it go
   * to the nearer one.
   */
  @Test
  void roundsToNearestTiesToEvenBetweenEveryPairOfHalves() {
    for (int lower = 0; lower < 0x7C00; lower++) {
      int upper = lower + 1;
      float a = Fp16Matrix.toFloat((short) lower);
      float b = upper == 0x7C00 ? 65536f : Fp16Matrix.toFloat((short) upper);
      float mid = (a + b) / 2; // exact: halves have 11 significant bits, floats 24
      assertEquals((double) a + ((double) b - a) / 2, mid, 0.0);
      int even = (lower & 1) == 0 ? lower : upper;
      String at = Integer.toHexString(lower);
      assertEquals((short) even, Fp16Matrix.toHalf(mid), "midpoint above " + at);
      assertEquals((short) lower, Fp16Matrix.toHalf(Math.nextDown(mid)), "below midpoint " + at);
      assertEquals((short) upper, Fp16Matrix.toHalf(Math.nextUp(mid)), "above midpoint " + at);
      assertEquals(
          (short) (lower | 0x8000), Fp16Matrix.toHalf(-Math.nextDown(mid)), "negative " + at);
    }
  }

  @Test
  void overflowAndUnderflow() {
    assertEquals((short) 0x7BFF, Fp16Matrix.toHalf(65519.99f));
    assertEquals((short) 0x7C00, Fp16Matrix.toHalf(65520f));
    assertEquals((short) 0x7C00, Fp16Matrix.toHalf(1e10f));
    assertEquals((short) 0xFC00, Fp16Matrix.toHalf(-1e10f));
    assertEquals((short) 0x0000, Fp16Matrix.toHalf(0x1p-25f), "tie with zero goes to zero");
    assertEquals((short) 0x0001, Fp16Matrix.toHalf(Math.nextUp(0x1p-25f)));
    assertEquals((short) 0x0000, Fp16Matrix.toHalf(Float.MIN_VALUE));
    assertEquals((short) 0x8000, Fp16Matrix.toHalf(-Float.MIN_VALUE));
    assertEquals((short) 0x0002, Fp16Matrix.toHalf(3 * 0x1p-25f), "1.5 units ties to 2");
  }

  @Test
  void matrixIsLittleEndianRowMajor() {
    float[][] m = {{1f, -2f, 0f}, {65504f, 0.5f, 0x1p-24f}};
    byte[] bytes = Fp16Matrix.encode(m);
    assertArrayEquals(
        new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0, 0, 0, (byte) 0xFF, 0x7B, 0x00, 0x38, 0x01, 0x00},
        bytes);
    float[][] back = Fp16Matrix.decode(bytes, 2, 3);
    for (int r = 0; r < 2; r++) {
      assertArrayEquals(m[r], back[r], 0f);
    }
    assertArrayEquals(
        new float[] {1f, -2f, 0f, 65504f, 0.5f, 0x1p-24f}, Fp16Matrix.decodeFlat(bytes), 0f);
    assertArrayEquals(bytes, Fp16Matrix.encode(new float[] {1f, -2f, 0f, 65504f, 0.5f, 0x1p-24f}));
  }

  @Test
  void decodingABufferLeavesItsPosition() {
    ByteBuffer buffer = ByteBuffer.wrap(Fp16Matrix.encode(new float[] {1f, 2f}));
    Fp16Matrix.decode(buffer, 1, 2);
    Fp16Matrix.decodeFlat(buffer);
    assertEquals(0, buffer.position());
  }

  @Test
  void rejectsWrongShapes() {
    assertThrows(
        IllegalArgumentException.class, () -> Fp16Matrix.encode(new float[][] {{1f}, {1f, 2f}}));
    assertThrows(IllegalArgumentException.class, () -> Fp16Matrix.decode(new byte[6], 2, 2));
    assertThrows(IllegalArgumentException.class, () -> Fp16Matrix.decodeFlat(new byte[3]));
  }

  @Test
  void embeddingValuesKeepHalfPrecision() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 100_000; i++) {
      float v = (float) random.nextGaussian();
      float back = Fp16Matrix.toFloat(Fp16Matrix.toHalf(v));
      assertTrue(Math.abs(back - v) <= Math.abs(v) * 0x1p-11f + 0x1p-25f, v + " -> " + back);
    }
  }
}
