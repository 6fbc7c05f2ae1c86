package io.protstream.predict.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.protstream.events.AnnotationEvent;
import io.protstream.schemas.AnnotationClasses;
import io.protstream.schemas.ProbabilityBytes;
import java.nio.ByteBuffer;

/**
 * Compares an annotation with the reference heads' outputs for a fixture case: probabilities are
 * the softmax of the expected logits (computed here), within 3/255 (fp16 inputs, 1/255 steps);
 * labels are their argmax wherever the reference is not a near tie.
 */
public final class Reference {

  private Reference() {}

  public static void assertMatches(TinyModel.Case c, AnnotationEvent a) {
    assertEquals(c.length(), a.getLength(), c.name());
    perResidue(c, "dssp3", AnnotationClasses.DSSP3, a.getDssp3(), a.getDssp3Probabilities());
    perResidue(c, "dssp8", AnnotationClasses.DSSP8, a.getDssp8(), a.getDssp8Probabilities());
    perResidue(
        c, "disorder", AnnotationClasses.DISORDER, a.getDisorder(), a.getDisorderProbabilities());
    float[] loc = softmax(c.logits("localization"), 0, 10);
    for (int k = 0; k < 10; k++) {
      assertEquals(loc[k], a.getLocalizationProbabilities().get(k), 0.01, c.name());
    }
    assertEquals(AnnotationClasses.LOCALIZATION.get(argmax(loc)), a.getLocalization().toString());
    float[] mem = softmax(c.logits("membrane"), 0, 2);
    for (int k = 0; k < 2; k++) {
      assertEquals(mem[k], a.getMembraneProbabilities().get(k), 0.01, c.name());
    }
    assertEquals(AnnotationClasses.MEMBRANE.get(argmax(mem)), a.getMembrane().toString());
  }

  private static void perResidue(
      TinyModel.Case c, String head, String classes, CharSequence labels, ByteBuffer bytes) {
    int k = classes.length();
    float[] logits = c.logits(head);
    int rows = logits.length / k;
    byte[] raw = new byte[bytes.remaining()];
    bytes.duplicate().get(raw);
    float[][] got = ProbabilityBytes.decode(raw, rows, k);
    assertEquals(rows, labels.length(), c.name() + " " + head);
    for (int r = 0; r < rows; r++) {
      float[] p = softmax(logits, r * k, k);
      for (int j = 0; j < k; j++) {
        assertEquals(p[j], got[r][j], 3 / 255.0, c.name() + " " + head + " residue " + r);
      }
      int best = argmax(p);
      float second = 0;
      for (int j = 0; j < k; j++) {
        if (j != best) {
          second = Math.max(second, p[j]);
        }
      }
      if (p[best] - second > 0.01) {
        assertEquals(classes.charAt(best), labels.charAt(r), c.name() + " " + head + " " + r);
      }
    }
  }

  static float[] softmax(float[] x, int from, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      max = Math.max(max, x[from + i]);
    }
    double sum = 0;
    double[] e = new double[k];
    for (int i = 0; i < k; i++) {
      e[i] = Math.exp(x[from + i] - max);
      sum += e[i];
    }
    float[] p = new float[k];
    for (int i = 0; i < k; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }

  static int argmax(float[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }
}
