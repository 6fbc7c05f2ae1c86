package io.protstream.predict.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResidueMatrixShapeTest {

  @Test
  void acceptsAMatrixOfTheDeclaredShape() {
    assertDoesNotThrow(() -> ResidueMatrixShape.check(3, 1024, 3 * 1024 * 2, 1024));
    assertDoesNotThrow(() -> ResidueMatrixShape.check(3, 64, 3 * 64 * 2, 0));
  }

  @Test
  void rejectsWrongByteCountDimensionOrLength() {
    var e =
        assertThrows(
            ResidueMatrixShape.InvalidShapeException.class,
            () -> ResidueMatrixShape.check(3, 1024, 100, 1024));
    assertTrue(e.getMessage().contains("needs 6144 bytes"), e.getMessage());
    assertThrows(
        ResidueMatrixShape.InvalidShapeException.class,
        () -> ResidueMatrixShape.check(3, 64, 3 * 64 * 2, 1024));
    assertThrows(
        ResidueMatrixShape.InvalidShapeException.class,
        () -> ResidueMatrixShape.check(0, 64, 0, 0));
  }
}
