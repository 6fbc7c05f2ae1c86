package io.protstream.model.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/**
 * The inputs every head graph shares: per-residue embeddings without the end token, and a float
 * mask that is 1 on residues and 0 on padding.
 */
public final class HeadInputs {

  public static final String EMBEDDINGS = "residue_embeddings";
  public static final String MASK = "residue_mask";

  private HeadInputs() {}

  /**
   * Declares both inputs and returns {embeddings with padding zeroed, as [batch, d, len]; mask}.
   */
  static String[] declare(GraphBuilder g, long dModel) {
    String x = g.input(EMBEDDINGS, DataType.FLOAT, "batch", "residues", dModel);
    String mask = g.input(MASK, DataType.FLOAT, "batch", "residues");
    // zeroing padded rows makes the convolutions see what the unpadded reference sees: zero padding
    String zeroed = g.mul(x, g.unsqueeze(mask, 2));
    return new String[] {g.transpose(zeroed, 0, 2, 1), mask};
  }
}
