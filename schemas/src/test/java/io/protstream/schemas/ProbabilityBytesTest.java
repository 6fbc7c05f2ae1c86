package io.protstream.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProbabilityBytesTest {

  @Test
  void quantizesToTheNearestStepOf1Over255() {
    float[][] p = {{0f, 0.5f, 1f}, {0.2f, 0.3f, 0.5f}};
    byte[] bytes = ProbabilityBytes.encode(p);
    assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255, 51, 77, (byte) 128}, bytes);
    float[][] back = ProbabilityBytes.decode(bytes, 2, 3);
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(p[r][c], back[r][c], 0.5f / 255 + 1e-6f);
      }
    }
  }

  @Test
  void clampsOutOfRangeValues() {
    assertArrayEquals(
        new byte[] {0, 0, (byte) 255},
        ProbabilityBytes.encode(new float[][] {{-0.1f, Float.NaN, 1.5f}}));
  }

  @Test
  void rejectsWrongShapes() {
    assertThrows(IllegalArgumentException.class, () -> ProbabilityBytes.decode(new byte[5], 2, 3));
    assertThrows(
        IllegalArgumentException.class, () -> ProbabilityBytes.encode(new float[][] {{1f}, {}}));
  }

  @Test
  void classOrdersMatchTheSchemaDoc() {
    assertEquals(10, AnnotationClasses.LOCALIZATION.size());
    String doc =
        io.protstream.events.AnnotationEvent.getClassSchema()
            .getField("localizationProbabilities")
            .doc();
    assertEquals(
        "10 probabilities in class order: "
            + String.join(", ", AnnotationClasses.LOCALIZATION)
            + ".",
        doc);
    var schema = io.protstream.events.AnnotationEvent.getClassSchema();
    assertEquals(
        true, schema.getField("dssp3Probabilities").doc().contains(AnnotationClasses.DSSP3));
    assertEquals(
        true, schema.getField("dssp8Probabilities").doc().contains(AnnotationClasses.DSSP8));
    assertEquals(
        true, schema.getField("disorderProbabilities").doc().contains(AnnotationClasses.DISORDER));
    assertEquals(
        true,
        schema
            .getField("membraneProbabilities")
            .doc()
            .contains(String.join(", ", AnnotationClasses.MEMBRANE)));
  }
}
