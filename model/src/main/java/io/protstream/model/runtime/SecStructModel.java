package io.protstream.model.runtime;

import io.protstream.model.onnx.SecStructGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the ProtT5-sec graph: per-residue DSSP3, DSSP8 and disorder logits. */
public final class SecStructModel implements AutoCloseable {

  /** Logits for one sequence, each row-major [length, classes]. */
  public record Result(float[] dssp3, float[] dssp8, float[] disorder, int length) {}

  private final OnnxSession session;

  public SecStructModel(OnnxSession session) {
    this.session = session;
  }

  public static SecStructModel load(Path onnxFile, RuntimeOptions options, int dModel) {
    return load(onnxFile, options, ShapeProfile.head(dModel, 32, 512, 4096));
  }

  public static SecStructModel load(Path onnxFile, RuntimeOptions options, ShapeProfile profile) {
    return new SecStructModel(OnnxSession.load(onnxFile, options, profile));
  }

  /**
   * @param cache where ONNX Runtime's optimised graph is kept between loads; null for none
   */
  public static SecStructModel load(
      Path onnxFile, RuntimeOptions options, ShapeProfile profile, OptimizedGraphCache cache) {
    return new SecStructModel(OnnxSession.load(onnxFile, options, profile, cache));
  }

  public List<Result> predict(List<Embedding> embeddings) {
    int width = HeadBatch.width(embeddings);
    Map<String, HostTensor> out = session.run(HeadBatch.inputs(embeddings, width));
    List<Result> results = new ArrayList<>(embeddings.size());
    for (int b = 0; b < embeddings.size(); b++) {
      int length = embeddings.get(b).length();
      results.add(
          new Result(
              rows(out.get(SecStructGraph.DSSP3), b, width, length),
              rows(out.get(SecStructGraph.DSSP8), b, width, length),
              rows(out.get(SecStructGraph.DISORDER), b, width, length),
              length));
    }
    return results;
  }

  private static float[] rows(HostTensor t, int b, int width, int length) {
    int classes = t.dim(2);
    float[] r = new float[length * classes];
    System.arraycopy(t.floats(), b * width * classes, r, 0, r.length);
    return r;
  }

  @Override
  public void close() {
    session.close();
  }
}
