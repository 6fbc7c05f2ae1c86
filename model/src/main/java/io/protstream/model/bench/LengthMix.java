package io.protstream.model.bench;

import io.protstream.model.pipeline.ProteinSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed benchmark set whose lengths follow UniProtKB's shape: log-normal with a median near 300
 * residues and a long tail, clipped to [30, maxLength].
 */
public final class LengthMix {

  private static final String AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY";
  private static final double MEDIAN = 300;
  private static final double SIGMA = 0.65;

  private LengthMix() {}

  public static List<ProteinSequence> sequences(int count, int maxLength, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ProteinSequence> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double gaussian = gaussian(random);
      int length = (int) Math.round(MEDIAN * Math.exp(SIGMA * gaussian));
      length = Math.max(30, Math.min(maxLength, length));
      StringBuilder sb = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        sb.append(AMINO_ACIDS.charAt(random.nextInt(AMINO_ACIDS.length())));
      }
      out.add(new ProteinSequence("bench" + i, sb.toString()));
    }
    return out;
  }

  /** Box-Muller, so the set is the same on every JVM. */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
