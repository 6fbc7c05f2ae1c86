package io.protstream.model.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * TensorRT optimization profile: the smallest, typical and largest shape of each dynamic input. An
 * engine built for this range serves every batch the batcher forms without being rebuilt.
 */
public record ShapeProfile(
    Map<String, long[]> min, Map<String, long[]> opt, Map<String, long[]> max) {

  /** Profile for the encoder's {@code input_ids} / {@code attention_mask}. */
  public static ShapeProfile encoder(int maxBatch, int optLength, int maxLength) {
    return new ShapeProfile(
        both(1, 1), both(Math.max(1, maxBatch / 2), optLength), both(maxBatch, maxLength));
  }

  /** Profile for a head's {@code residue_embeddings} / {@code residue_mask}. */
  public static ShapeProfile head(int dModel, int maxBatch, int optLength, int maxLength) {
    return new ShapeProfile(
        head(1, 1, dModel),
        head(Math.max(1, maxBatch / 2), optLength, dModel),
        head(maxBatch, maxLength, dModel));
  }

  private static Map<String, long[]> both(long batch, long length) {
    Map<String, long[]> m = new LinkedHashMap<>();
    m.put("input_ids", new long[] {batch, length});
    m.put("attention_mask", new long[] {batch, length});
    return m;
  }

  private static Map<String, long[]> head(long batch, long length, long d) {
    Map<String, long[]> m = new LinkedHashMap<>();
    m.put("residue_embeddings", new long[] {batch, length, d});
    m.put("residue_mask", new long[] {batch, length});
    return m;
  }

  /** ONNX Runtime's {@code name:AxBxC,...} notation. */
  static String format(Map<String, long[]> shapes) {
    return shapes.entrySet().stream()
        .map(
            e ->
                e.getKey()
                    + ":"
                    + java.util.Arrays.stream(e.getValue())
                        .mapToObj(Long::toString)
                        .collect(Collectors.joining("x")))
        .collect(Collectors.joining(","));
  }
}
