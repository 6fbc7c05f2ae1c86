package io.protstream.model.pipeline;

import io.protstream.model.checkpoint.Checkpoint;
import io.protstream.model.onnx.T5Config;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Deterministic random ProtT5-shaped model folders, so the system runs end to end without the
 * published download: the encoder at tiny or full ProtT5-XL size and all three heads.
 */
public final class DemoModels {

  /** The sizes a demo model can have. */
  public enum Size {
    /** The shape of the reference fixtures: d_model 64, 3 layers. */
    TINY(new T5Config(128, 64, 16, 256, 3, 4, 32, 128, 1e-6, "relu")),
    /** ProtT5-XL-U50: d_model 1024, 32 heads x 128, d_ff 16384, 24 layers (4.8 GB in fp32). */
    XL(T5Config.PROT_T5_XL);

    private final T5Config config;

    Size(T5Config config) {
      this.config = config;
    }

    public T5Config config() {
      return config;
    }

    public static Size parse(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  private DemoModels() {}

  public static Manifest create(Size size, long seed, Path out) {
    return create(size.config(), seed, out, new ModelConverter());
  }

  public static Manifest create(T5Config c, long seed, Path out, ModelConverter converter) {
    int d = c.dModel();
    // the converter opens heads by path; these names stand for the generated checkpoints
    Map<Path, Checkpoint> heads =
        Map.of(
            Path.of("secstruct"), secstruct(d, seed),
            Path.of("localization"), lightAttention(d, 10, seed + 1),
            Path.of("membrane"), lightAttention(d, 2, seed + 2));
    return converter.convert(
        c,
        encoder(c, seed),
        new HeadCheckpoints(Path.of("secstruct"), Path.of("localization"), Path.of("membrane")),
        heads::get,
        out,
        "demo-model seed " + seed);
  }

  /** Random weights under the Hugging Face T5 encoder names, scaled as T5 initializes them. */
  public static RandomCheckpoint encoder(T5Config c, long seed) {
    int d = c.dModel();
    int inner = c.attentionWidth();
    RandomCheckpoint.Builder b = RandomCheckpoint.builder(seed);
    b.add("shared.weight", 0, 1.0, c.vocabSize(), d);
    b.add(
        "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
        0,
        Math.pow(d, -0.5),
        c.relativeBuckets(),
        c.numHeads());
    for (int l = 0; l < c.numLayers(); l++) {
      String a = "encoder.block." + l + ".layer.0.";
      b.add(a + "layer_norm.weight", 1, 0.05, d);
      b.add(a + "SelfAttention.q.weight", 0, Math.pow((double) d * c.dKv(), -0.5), inner, d);
      b.add(a + "SelfAttention.k.weight", 0, Math.pow(d, -0.5), inner, d);
      b.add(a + "SelfAttention.v.weight", 0, Math.pow(d, -0.5), inner, d);
      b.add(a + "SelfAttention.o.weight", 0, Math.pow(inner, -0.5), d, inner);
      String f = "encoder.block." + l + ".layer.1.";
      b.add(f + "layer_norm.weight", 1, 0.05, d);
      if (c.gated()) {
        b.add(f + "DenseReluDense.wi_0.weight", 0, Math.pow(d, -0.5), c.dFf(), d);
        b.add(f + "DenseReluDense.wi_1.weight", 0, Math.pow(d, -0.5), c.dFf(), d);
      } else {
        b.add(f + "DenseReluDense.wi.weight", 0, Math.pow(d, -0.5), c.dFf(), d);
      }
      b.add(f + "DenseReluDense.wo.weight", 0, Math.pow(c.dFf(), -0.5), d, c.dFf());
    }
    b.add("encoder.final_layer_norm.weight", 1, 0.05, d);
    return b.build();
  }

  /**
   * ProtT5-sec's layout: Conv2d kernels [out, in, 7, 1] as the published checkpoint stores them.
   */
  public static RandomCheckpoint secstruct(int d, long seed) {
    RandomCheckpoint.Builder b = RandomCheckpoint.builder(seed);
    b.add("elmo_feature_extractor.0.weight", 0, Math.pow(d * 7.0, -0.5), 32, d, 7, 1);
    b.add("elmo_feature_extractor.0.bias", 0, 0.02, 32);
    for (String[] h : new String[][] {{"dssp3", "3"}, {"dssp8", "8"}, {"diso", "2"}}) {
      int classes = Integer.parseInt(h[1]);
      b.add(h[0] + "_classifier.0.weight", 0, Math.pow(32 * 7.0, -0.5), classes, 32, 7, 1);
      b.add(h[0] + "_classifier.0.bias", 0, 0.02, classes);
    }
    return b.build();
  }

  /** Light Attention's layout with {@code classes} outputs. */
  public static RandomCheckpoint lightAttention(int d, int classes, long seed) {
    RandomCheckpoint.Builder b = RandomCheckpoint.builder(seed);
    for (String conv : new String[] {"feature_convolution", "attention_convolution"}) {
      b.add(conv + ".weight", 0, Math.pow(d * 9.0, -0.5), d, d, 9);
      b.add(conv + ".bias", 0, 0.02, d);
    }
    b.add("linear.0.weight", 0, Math.pow(2.0 * d, -0.5), 32, 2L * d);
    b.add("linear.0.bias", 0, 0.02, 32);
    b.add("linear.3.weight", 1, 0.05, 32);
    b.add("linear.3.bias", 0, 0.02, 32);
    b.add("linear.3.running_mean", 0.3, 0.1, 32);
    b.add("linear.3.running_var", 0.5, 0.1, 32);
    b.add("output.weight", 0, Math.pow(32, -0.5), classes, 32);
    b.add("output.bias", 0, 0.02, classes);
    return b.build();
  }
}
