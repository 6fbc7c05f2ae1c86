package io.protstream.model.runtime;

import io.protstream.model.onnx.LightAttentionGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a Light Attention graph: per-protein class logits. */
public final class LightAttentionModel implements AutoCloseable {

  private final OnnxSession session;

  public LightAttentionModel(OnnxSession session) {
    this.session = session;
  }

  public static LightAttentionModel load(Path onnxFile, RuntimeOptions options, int dModel) {
    return load(onnxFile, options, ShapeProfile.head(dModel, 32, 512, 4096));
  }

  public static LightAttentionModel load(
      Path onnxFile, RuntimeOptions options, ShapeProfile profile) {
    return new LightAttentionModel(OnnxSession.load(onnxFile, options, profile));
  }

  /**
   * @param cache where ONNX Runtime's optimised graph is kept between loads; null for none
   */
  public static LightAttentionModel load(
      Path onnxFile, RuntimeOptions options, ShapeProfile profile, OptimizedGraphCache cache) {
    return new LightAttentionModel(OnnxSession.load(onnxFile, options, profile, cache));
  }

  /** Logits [classes] per sequence. */
  public List<float[]> predict(List<Embedding> embeddings) {
    int width = HeadBatch.width(embeddings);
    HostTensor logits =
        session.run(HeadBatch.inputs(embeddings, width)).get(LightAttentionGraph.LOGITS);
    int classes = logits.dim(1);
    List<float[]> out = new ArrayList<>(embeddings.size());
    for (int b = 0; b < embeddings.size(); b++) {
      float[] row = new float[classes];
      System.arraycopy(logits.floats(), b * classes, row, 0, classes);
      out.add(row);
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
  }
}
