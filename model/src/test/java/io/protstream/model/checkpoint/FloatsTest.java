package io.protstream.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FloatsTest {

  @Test
  void everyHalfValueSurvivesARoundTrip() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = Floats.halfToFloat((short) bits);
      if (Float.isNaN(f)) {
        continue;
      }
      assertEquals(bits, Floats.floatToHalf(f) & 0xffff, "half bits " + Integer.toHexString(bits));
    }
  }

  @Test
  void decodesKnownHalfValues() {
    assertEquals(1.0f, Floats.halfToFloat((short) 0x3c00));
    assertEquals(-2.0f, Floats.halfToFloat((short) 0xc000));
    assertEquals(65504f, Floats.halfToFloat((short) 0x7bff));
    assertEquals(0x1p-24f, Floats.halfToFloat((short) 0x0001));
    assertEquals(Float.POSITIVE_INFINITY, Floats.halfToFloat((short) 0x7c00));
  }

  @Test
  void roundsToNearestEven() {
    // 1 + 2^-11 lies halfway between two halves; ties go to the even mantissa (1.0)
    assertEquals(0x3c00, Floats.floatToHalf(1f + 0x1p-11f) & 0xffff);
    assertEquals(0x3c02, Floats.floatToHalf(1f + 3 * 0x1p-11f) & 0xffff);
  }
}
