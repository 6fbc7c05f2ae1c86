package io.protstream.model.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.protstream.model.checkpoint.Checkpoint;
import io.protstream.model.checkpoint.CheckpointException;
import io.protstream.model.checkpoint.TensorInfo;
import io.protstream.model.tokenizer.ProtT5Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The T5 encoder as an ONNX graph, for any sizes a {@link T5Config} states.
 *
 * <p>Inputs {@code input_ids} and {@code attention_mask} (int64 [batch, seq]); outputs {@code
 * last_hidden_state} [batch, seq, d_model] (the standard export's name, {@code </s>} row included)
 * and {@code protein_embedding} [batch, d_model], the mean over residue rows only (mask on, not
 * {@code </s>}), so padding and the end token never enter it. The relative-position bias is built
 * from the sequence length inside the graph, so any length runs.
 */
public final class T5EncoderGraph {

  public static final String INPUT_IDS = "input_ids";
  public static final String ATTENTION_MASK = "attention_mask";
  public static final String HIDDEN = "last_hidden_state";
  public static final String PROTEIN = "protein_embedding";

  /** Added to the scores of masked keys; large enough that softmax gives them exactly zero. */
  private static final float MASKED = -1e9f;

  private final T5Config config;
  private final Checkpoint weights;
  private final GraphBuilder g;

  private T5EncoderGraph(T5Config config, Checkpoint weights, boolean halfWeights) {
    this.config = config;
    this.weights = weights;
    this.g = new GraphBuilder("t5_encoder", halfWeights);
  }

  public static GraphBuilder build(T5Config config, Checkpoint weights) {
    return build(config, weights, false);
  }

  /**
   * @param halfWeights store matrices as fp16 (computation stays fp32); exact for checkpoints
   *     published in fp16, such as ProtT5-XL-U50's half-precision encoder
   */
  public static GraphBuilder build(T5Config config, Checkpoint weights, boolean halfWeights) {
    return new T5EncoderGraph(config, weights, halfWeights).build();
  }

  private GraphBuilder build() {
    int d = config.dModel();
    String ids = g.input(INPUT_IDS, DataType.INT64, "batch", "sequence");
    String mask = g.input(ATTENTION_MASK, DataType.INT64, "batch", "sequence");

    String embedding =
        g.weight(
            "shared.weight",
            dims(config.vocabSize(), d),
            floats("shared.weight", config.vocabSize(), d));
    String x = g.gather(embedding, ids);

    String bias = positionBias(ids, mask);
    for (int layer = 0; layer < config.numLayers(); layer++) {
      g.scope("layer" + layer);
      x = attentionBlock(x, bias, layer);
      x = feedForwardBlock(x, layer);
    }
    g.scope("final");
    String hidden = rmsNorm(x, "encoder.final_layer_norm.weight");
    g.output(hidden, HIDDEN, DataType.FLOAT, "batch", "sequence", (long) d);
    g.output(residueMean(hidden, ids, mask), PROTEIN, DataType.FLOAT, "batch", (long) d);
    return g;
  }

  /** [batch, heads, seq, seq]: the layer-0 relative-position bias plus the key padding mask. */
  private String positionBias(String ids, String mask) {
    g.scope("position_bias");
    String length = g.squeeze(g.op("Shape", ids, Attr.i("start", 1), Attr.i("end", 2)), 0);
    String positions = g.op("Range", List.of(g.constLong(0), length, g.constLong(1)));
    // relative[i, j] = j - i: key position minus query position
    String relative = g.sub(g.unsqueeze(positions, 0), g.unsqueeze(positions, 1));
    int half = config.relativeBuckets() / 2;
    String forward =
        g.mul(g.cast(g.op("Greater", relative, g.constLong(0)), DataType.INT64), g.constLong(half));
    String distance = g.op("Min", g.op("Abs", relative), g.constLong(config.relativeMaxDistance()));
    long[] table =
        RelativePositionBuckets.distanceTable(
            config.relativeBuckets(), config.relativeMaxDistance());
    String buckets = g.add(forward, g.gather(g.constLongs(table, table.length), distance));

    String biasName = "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight";
    String biasTable =
        g.weight(
            biasName,
            dims(config.relativeBuckets(), config.numHeads()),
            floats(biasName, config.relativeBuckets(), config.numHeads()));
    // [seq, seq, heads] -> [1, heads, seq, seq]
    String bias = g.unsqueeze(g.transpose(g.gather(biasTable, buckets), 2, 0, 1), 0);

    String keep = g.cast(mask, DataType.FLOAT);
    String maskBias = g.mul(g.sub(g.constFloat(1f), keep), g.constFloat(MASKED));
    return g.add(bias, g.unsqueeze(maskBias, 1, 2));
  }

  private String attentionBlock(String x, String bias, int layer) {
    String p = "encoder.block." + layer + ".layer.0.";
    int d = config.dModel();
    int inner = config.attentionWidth();
    String h = rmsNorm(x, p + "layer_norm.weight");
    // one [d, 3*inner] projection instead of three: fewer, larger matrix multiplies
    Supplier<float[]> wq = floats(p + "SelfAttention.q.weight", inner, d);
    Supplier<float[]> wk = floats(p + "SelfAttention.k.weight", inner, d);
    Supplier<float[]> wv = floats(p + "SelfAttention.v.weight", inner, d);
    String qkvWeight =
        g.weight(
            p + "SelfAttention.qkv.T",
            dims(d, 3 * inner),
            () ->
                Matrices.concatColumns(
                    d,
                    Matrices.transpose(wq.get(), inner, d),
                    Matrices.transpose(wk.get(), inner, d),
                    Matrices.transpose(wv.get(), inner, d)));
    String[] qkv =
        g.ops(
            "Split",
            3,
            List.of(g.matMul(h, qkvWeight), g.constAxes(inner, inner, inner)),
            Attr.i("axis", 2));
    String q = g.transpose(heads(qkv[0]), 0, 2, 1, 3);
    String kT = g.transpose(heads(qkv[1]), 0, 2, 3, 1);
    String v = g.transpose(heads(qkv[2]), 0, 2, 1, 3);
    // T5 does not scale scores by 1/sqrt(d_kv): the scale is folded into its initialization
    String scores = g.add(g.matMul(q, kT), bias);
    String context = g.matMul(g.softmax(scores, -1), v);
    String merged = g.reshape(g.transpose(context, 0, 2, 1, 3), 0, 0, inner);
    return g.add(x, g.matMul(merged, linear(p + "SelfAttention.o.weight", d, inner)));
  }

  /** [batch, seq, heads*d_kv] -> [batch, seq, heads, d_kv] */
  private String heads(String projected) {
    return g.reshape(projected, 0, 0, config.numHeads(), config.dKv());
  }

  private String feedForwardBlock(String x, int layer) {
    String p = "encoder.block." + layer + ".layer.1.";
    int d = config.dModel();
    int ff = config.dFf();
    String h = rmsNorm(x, p + "layer_norm.weight");
    String activated;
    if (config.gated()) {
      String gate = gelu(g.matMul(h, linear(p + "DenseReluDense.wi_0.weight", ff, d)));
      activated = g.mul(gate, g.matMul(h, linear(p + "DenseReluDense.wi_1.weight", ff, d)));
    } else {
      activated = g.relu(g.matMul(h, linear(p + "DenseReluDense.wi.weight", ff, d)));
    }
    return g.add(x, g.matMul(activated, linear(p + "DenseReluDense.wo.weight", d, ff)));
  }

  /** The tanh approximation T5 v1.1 uses ("gelu_new"). */
  private String gelu(String x) {
    String cube = g.mul(x, g.mul(x, x));
    String inner =
        g.mul(
            g.add(x, g.mul(cube, g.constFloat(0.044715f))),
            g.constFloat((float) Math.sqrt(2 / Math.PI)));
    return g.mul(g.mul(x, g.constFloat(0.5f)), g.add(g.constFloat(1f), g.op("Tanh", inner)));
  }

  /** T5's layer norm: scale by the root mean square, no mean subtraction, no bias. */
  private String rmsNorm(String x, String weightName) {
    String variance = g.reduceMean(g.mul(x, x), true, -1);
    String inverse =
        g.op(
            "Reciprocal",
            g.op("Sqrt", g.add(variance, g.constFloat((float) config.layerNormEpsilon()))));
    String w = g.weight(weightName, dims(config.dModel()), floats(weightName, config.dModel()));
    return g.mul(g.mul(x, inverse), w);
  }

  /** Mean over rows that are real residues: attention mask on and not the end token. */
  private String residueMean(String hidden, String ids, String mask) {
    g.scope("protein_embedding");
    String notEnd = g.op("Not", g.op("Equal", ids, g.constLong(ProtT5Tokenizer.EOS_ID)));
    String residue = g.mul(g.cast(mask, DataType.FLOAT), g.cast(notEnd, DataType.FLOAT));
    String sum = g.reduceSum(g.mul(hidden, g.unsqueeze(residue, 2)), false, 1);
    String count = g.op("Max", g.reduceSum(residue, true, 1), g.constFloat(1f));
    return g.div(sum, count);
  }

  /** A Linear weight [out, in] from the checkpoint, as a [in, out] initializer for MatMul. */
  private String linear(String name, int out, int in) {
    Supplier<float[]> raw = floats(name, out, in);
    return g.weight(name + ".T", dims(in, out), () -> Matrices.transpose(raw.get(), out, in));
  }

  /** Checks the tensor's shape now and reads its values only when the model is written. */
  private Supplier<float[]> floats(String name, long... expected) {
    TensorInfo info = weights.require(name);
    if (!Arrays.equals(info.shape(), expected)) {
      throw new CheckpointException(
          name
              + " has shape "
              + Arrays.toString(info.shape())
              + ", config.json implies "
              + Arrays.toString(expected));
    }
    return () -> weights.floats(name);
  }

  private static long[] dims(long... dims) {
    return dims;
  }
}
