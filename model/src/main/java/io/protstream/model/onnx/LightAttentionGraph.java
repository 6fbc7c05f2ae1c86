package io.protstream.model.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.protstream.model.checkpoint.Checkpoint;
import java.util.List;

/**
 * Light Attention (Stärk et al.), the per-protein head for subcellular localization (10 classes)
 * and membrane-bound vs soluble (2 classes). Feature and attention convolutions over the residues;
 * softmax-weighted sum and max over length, both restricted to real residues; then Linear, ReLU,
 * BatchNorm (running statistics) and the output Linear. Output {@link #LOGITS} [batch, classes].
 */
public final class LightAttentionGraph {

  public static final String LOGITS = "logits";

  /** What padded positions get before softmax and max: far below any real activation. */
  private static final float EXCLUDED = -1e9f;

  private LightAttentionGraph() {}

  public static GraphBuilder build(Checkpoint checkpoint) {
    GraphBuilder g = new GraphBuilder("light_attention");
    HeadWeights w = new HeadWeights(checkpoint, g);
    long[] conv = w.info("feature_convolution.weight").shape();
    int dModel = (int) conv[1];
    String[] in = HeadInputs.declare(g, dModel);
    String padded = g.op("Equal", g.unsqueeze(in[1], 1), g.constFloat(0f));

    String features = convolution(g, w, "feature_convolution", in[0], dModel);
    String attention = convolution(g, w, "attention_convolution", in[0], dModel);
    String excluded = g.constFloat(EXCLUDED);
    String weightsOverLength = g.softmax(g.where(padded, excluded, attention), -1);
    String attended = g.reduceSum(g.mul(features, weightsOverLength), false, -1);
    String maxPooled = g.reduceMax(g.where(padded, excluded, features), false, -1);
    String pooled = g.op("Concat", List.of(attended, maxPooled), Attr.i("axis", 1));

    long hidden = w.info("linear.0.weight").shape()[0];
    String h = gemm(g, w, "linear.0", pooled, 2L * conv[0]);
    h = g.relu(h);
    h = batchNorm(g, w, "linear.3", h, hidden);
    String logits = gemm(g, w, "output", h, hidden);
    long classes = w.info("output.weight").shape()[0];
    g.output(logits, LOGITS, DataType.FLOAT, "batch", classes);
    return g;
  }

  private static String convolution(
      GraphBuilder g, HeadWeights w, String prefix, String x, int in) {
    String kernel = w.conv1dKernel(prefix + ".weight", in);
    long[] shape = w.info(prefix + ".weight").shape();
    String bias = w.vector(prefix + ".bias", shape[0]);
    return g.conv1d(x, kernel, bias, (int) shape[2], (int) shape[2] / 2);
  }

  private static String gemm(GraphBuilder g, HeadWeights w, String prefix, String x, long in) {
    String weight = w.matrix(prefix + ".weight", in);
    String bias = w.vector(prefix + ".bias", w.info(prefix + ".weight").shape()[0]);
    return g.op("Gemm", List.of(x, weight, bias), Attr.i("transB", 1));
  }

  /** Inference-mode BatchNorm1d; ONNX's op wants a spatial axis, hence the unsqueeze. */
  private static String batchNorm(
      GraphBuilder g, HeadWeights w, String prefix, String x, long channels) {
    String y =
        g.op(
            "BatchNormalization",
            List.of(
                g.unsqueeze(x, 2),
                w.vector(prefix + ".weight", channels),
                w.vector(prefix + ".bias", channels),
                w.vector(prefix + ".running_mean", channels),
                w.vector(prefix + ".running_var", channels)),
            Attr.f("epsilon", 1e-5f));
    return g.squeeze(y, 2);
  }
}
