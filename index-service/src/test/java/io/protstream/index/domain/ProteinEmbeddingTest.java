package io.protstream.index.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProteinEmbeddingTest {

  private static final String DIGEST = "c".repeat(64);

  @Test
  void vectorSurvivesTheStorageForm() {
    ProteinEmbedding embedding =
        ProteinEmbedding.of(DIGEST, List.of("P1"), "m", 3, List.of(1f, -0f, Float.MIN_VALUE), 0);
    assertArrayEquals(
        new float[] {1f, -0f, Float.MIN_VALUE},
        ProteinEmbedding.vectorFrom(embedding.vectorBytes()));
  }

  @Test
  void rejectsWhatSearchCannotUse() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ProteinEmbedding.of(DIGEST, List.of(), "m", 2, List.of(1f, 2f), 1024));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProteinEmbedding.of(DIGEST, List.of(), "m", 2, List.of(1f, Float.NaN), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProteinEmbedding.of("not-a-digest", List.of(), "m", 1, List.of(1f), 0));
  }
}
