package io.protstream.index.domain;

import java.time.Instant;
import java.util.List;

/**
 * The prediction heads' output for one sequence, as {@code protein.annotations.v1} carries it:
 * per-residue strings with L x C probability bytes (value / 255), per-protein classes with
 * probabilities.
 */
public record PredictedAnnotations(
    String encoderModelId,
    String secondaryStructureModelId,
    String disorderModelId,
    String localizationModelId,
    String membraneModelId,
    int length,
    String dssp3,
    byte[] dssp3Probabilities,
    String dssp8,
    byte[] dssp8Probabilities,
    String disorder,
    byte[] disorderProbabilities,
    String localization,
    List<Float> localizationProbabilities,
    String membrane,
    List<Float> membraneProbabilities,
    Instant createdAt) {

  public PredictedAnnotations {
    check("dssp3", dssp3, dssp3Probabilities, 3, length);
    check("dssp8", dssp8, dssp8Probabilities, 8, length);
    check("disorder", disorder, disorderProbabilities, 2, length);
    localizationProbabilities = List.copyOf(localizationProbabilities);
    membraneProbabilities =
        membraneProbabilities == null ? List.of() : List.copyOf(membraneProbabilities);
  }

  private static void check(
      String name, String labels, byte[] probabilities, int classes, int length) {
    if (labels.length() != length) {
      throw new IllegalArgumentException(
          name + " has " + labels.length() + " characters for length " + length);
    }
    if (probabilities.length != (long) classes * length) {
      throw new IllegalArgumentException(
          name
              + " probabilities have "
              + probabilities.length
              + " bytes, expected "
              + classes * length);
    }
  }
}
