package io.protstream.model.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sizes of a T5 encoder, as Hugging Face's {@code config.json} states them.
 *
 * @param feedForward {@code relu} (ProtT5) or {@code gated-gelu} (T5 v1.1)
 */
public record T5Config(
    int vocabSize,
    int dModel,
    int dKv,
    int dFf,
    int numLayers,
    int numHeads,
    int relativeBuckets,
    int relativeMaxDistance,
    double layerNormEpsilon,
    String feedForward) {

  /** ProtT5-XL-U50's encoder. */
  public static final T5Config PROT_T5_XL =
      new T5Config(128, 1024, 128, 16384, 24, 32, 32, 128, 1e-6, "relu");

  public T5Config {
    if (!feedForward.equals("relu") && !feedForward.equals("gated-gelu")) {
      throw new IllegalArgumentException(
          "unsupported feed_forward_proj '" + feedForward + "' (relu or gated-gelu)");
    }
  }

  public int attentionWidth() {
    return numHeads * dKv;
  }

  public boolean gated() {
    return feedForward.equals("gated-gelu");
  }

  public static T5Config read(Path configJson) {
    try {
      return fromJson(new ObjectMapper().readTree(configJson.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + configJson, e);
    }
  }

  public static T5Config fromJson(JsonNode n) {
    return new T5Config(
        required(n, "vocab_size"),
        required(n, "d_model"),
        required(n, "d_kv"),
        required(n, "d_ff"),
        required(n, "num_layers"),
        required(n, "num_heads"),
        n.path("relative_attention_num_buckets").asInt(32),
        n.path("relative_attention_max_distance").asInt(128),
        n.path("layer_norm_epsilon").asDouble(1e-6),
        n.path("feed_forward_proj").asText("relu"));
  }

  /** The Hugging Face form, so that a generated model folder reads like a published one. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("architectures", java.util.List.of("T5EncoderModel"));
    m.put("model_type", "t5");
    m.put("vocab_size", vocabSize);
    m.put("d_model", dModel);
    m.put("d_kv", dKv);
    m.put("d_ff", dFf);
    m.put("num_layers", numLayers);
    m.put("num_heads", numHeads);
    m.put("relative_attention_num_buckets", relativeBuckets);
    m.put("relative_attention_max_distance", relativeMaxDistance);
    m.put("layer_norm_epsilon", layerNormEpsilon);
    m.put("feed_forward_proj", feedForward);
    m.put("pad_token_id", 0);
    m.put("eos_token_id", 1);
    return m;
  }

  private static int required(JsonNode n, String field) {
    if (!n.has(field)) {
      throw new IllegalArgumentException("config.json lacks " + field);
    }
    return n.get(field).asInt();
  }
}
