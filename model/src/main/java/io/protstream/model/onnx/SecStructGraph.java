package io.protstream.model.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.protstream.model.checkpoint.Checkpoint;

/**
 * ProtT5-sec, the secondary-structure CNN of the ProtTrans paper: a shared convolution (kernel 7)
 * with ReLU, then one convolution each for DSSP3, DSSP8 and disorder. Outputs logits [batch,
 * residues, classes] named {@link #DSSP3}, {@link #DSSP8} and {@link #DISORDER}.
 */
public final class SecStructGraph {

  public static final String DSSP3 = "dssp3_logits";
  public static final String DSSP8 = "dssp8_logits";
  public static final String DISORDER = "disorder_logits";

  private SecStructGraph() {}

  public static GraphBuilder build(Checkpoint checkpoint) {
    GraphBuilder g = new GraphBuilder("prott5_sec");
    HeadWeights w = new HeadWeights(checkpoint, g);
    long[] first = w.info("elmo_feature_extractor.0.weight").shape();
    int hidden = (int) first[0];
    int dModel = (int) first[1];
    String[] in = HeadInputs.declare(g, dModel);
    String channelMask = g.unsqueeze(in[1], 1);

    String features = conv(g, w, "elmo_feature_extractor.0", in[0], dModel);
    // re-zero padded positions so the next convolution's window still sees zero padding there
    features = g.mul(g.relu(features), channelMask);

    head(g, w, "dssp3_classifier.0", features, hidden, DSSP3);
    head(g, w, "dssp8_classifier.0", features, hidden, DSSP8);
    head(g, w, "diso_classifier.0", features, hidden, DISORDER);
    return g;
  }

  private static void head(
      GraphBuilder g, HeadWeights w, String prefix, String x, int in, String out) {
    String logits = g.transpose(conv(g, w, prefix, x, in), 0, 2, 1);
    long classes = w.info(prefix + ".weight").shape()[0];
    g.output(logits, out, DataType.FLOAT, "batch", "residues", classes);
  }

  private static String conv(GraphBuilder g, HeadWeights w, String prefix, String x, int in) {
    String kernel = w.conv1dKernel(prefix + ".weight", in);
    long[] shape = w.info(prefix + ".weight").shape();
    int k = (int) shape[2];
    String bias = w.vector(prefix + ".bias", shape[0]);
    return g.conv1d(x, kernel, bias, k, k / 2);
  }
}
