package io.protstream.model.runtime;

import io.protstream.model.onnx.HeadInputs;
import java.util.List;
import java.util.Map;

/** Packs per-residue embeddings of several sequences into a head's padded inputs. */
final class HeadBatch {

  private HeadBatch() {}

  static int width(List<Embedding> embeddings) {
    int width = 1;
    for (Embedding e : embeddings) {
      width = Math.max(width, e.length());
    }
    return width;
  }

  static Map<String, HostTensor> inputs(List<Embedding> embeddings, int width) {
    int batch = embeddings.size();
    int d = embeddings.get(0).dModel();
    float[] x = new float[batch * width * d];
    float[] mask = new float[batch * width];
    for (int b = 0; b < batch; b++) {
      Embedding e = embeddings.get(b);
      System.arraycopy(e.residues(), 0, x, b * width * d, e.length() * d);
      java.util.Arrays.fill(mask, b * width, b * width + e.length(), 1f);
    }
    return Map.of(
        HeadInputs.EMBEDDINGS, HostTensor.ofFloats(x, batch, width, d),
        HeadInputs.MASK, HostTensor.ofFloats(mask, batch, width));
  }
}
