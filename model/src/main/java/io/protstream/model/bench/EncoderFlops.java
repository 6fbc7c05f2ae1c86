package io.protstream.model.bench;

import io.protstream.model.onnx.T5Config;

/** Floating-point operations of one encoder pass (multiply-adds counted as two). */
public final class EncoderFlops {

  private EncoderFlops() {}

  /** For a batch of {@code batch} rows padded to {@code width} tokens. */
  public static double batch(T5Config c, int batch, int width) {
    double tokens = (double) batch * width;
    int d = c.dModel();
    int inner = c.attentionWidth();
    double projections = 2 * tokens * ((double) d * 3 * inner + (double) inner * d);
    double feedForward = 2 * tokens * (double) d * c.dFf() * (c.gated() ? 3 : 2);
    // scores (Q·Kᵀ) and context (P·V): each [width × width × d_kv] per head
    double attention = 2.0 * 2 * batch * c.numHeads() * (double) width * width * c.dKv();
    return c.numLayers() * (projections + feedForward + attention);
  }
}
