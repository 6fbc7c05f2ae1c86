package io.protstream.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MeanPoolingTest {

  @Test
  void averagesEachColumnOverTheRowsAsked() {
    // rows (1, 10), (2, 20), (6, 60) and a fourth row that is not counted
    float[] rows = {1, 10, 2, 20, 6, 60, 100, 100};
    assertArrayEquals(new float[] {3f, 30f}, MeanPooling.rows(rows, 3, 2));
  }

  @Test
  void sumsInDoubleSoSmallValuesAreNotLostNextToLargeOnes() {
    // in float, 2^24 + 1 + 1 ... rounds back to 2^24; in double the mean is exact
    float[] rows = {0x1p24f, 1f, 1f, 1f};
    assertArrayEquals(new float[] {(float) ((0x1p24 + 3) / 4)}, MeanPooling.rows(rows, 4, 1));
  }

  @Test
  void noRowsGiveZeros() {
    assertArrayEquals(new float[] {0f, 0f}, MeanPooling.rows(new float[0], 0, 2));
  }

  @Test
  void refusesMoreRowsThanTheValuesHold() {
    assertThrows(IllegalArgumentException.class, () -> MeanPooling.rows(new float[4], 3, 2));
  }
}
