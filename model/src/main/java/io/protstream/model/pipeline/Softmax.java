package io.protstream.model.pipeline;

/** Turns logits into probabilities on the host: heads emit logits, as the reference does. */
final class Softmax {

  private Softmax() {}

  static float[] of(float[] logits, int from, int count) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < from + count; i++) {
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    double[] e = new double[count];
    for (int i = 0; i < count; i++) {
      e[i] = Math.exp(logits[from + i] - max);
      sum += e[i];
    }
    float[] p = new float[count];
    for (int i = 0; i < count; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }

  static float[][] rows(float[] logits, int classes) {
    float[][] out = new float[logits.length / classes][];
    for (int r = 0; r < out.length; r++) {
      out[r] = of(logits, r * classes, classes);
    }
    return out;
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
