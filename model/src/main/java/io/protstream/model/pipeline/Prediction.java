package io.protstream.model.pipeline;

import java.util.List;

/**
 * Every head's output for one sequence. Per-residue probabilities are [length][classes] in the
 * label order of {@link Labels}; null fields belong to heads the model folder does not have.
 */
public record Prediction(
    String id,
    String dssp3,
    String dssp8,
    String disorder,
    float[][] dssp3Probabilities,
    float[][] dssp8Probabilities,
    float[][] disorderProbabilities,
    String localization,
    float[] localizationProbabilities,
    String membrane,
    float[] membraneProbabilities,
    boolean windowed) {

  static String labels(float[][] probabilities, List<String> names) {
    StringBuilder sb = new StringBuilder(probabilities.length);
    for (float[] p : probabilities) {
      sb.append(names.get(Softmax.argmax(p)));
    }
    return sb.toString();
  }
}
