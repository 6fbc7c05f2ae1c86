package io.protstream.model.runtime;

import io.protstream.model.onnx.T5EncoderGraph;
import io.protstream.model.tokenizer.ProtT5Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a ProtT5 encoder graph on one right-padded batch of token sequences. Works with the graphs
 * this library builds and with a standard export that only has {@code last_hidden_state}; for the
 * latter the per-protein mean is taken here.
 */
public final class EncoderModel implements AutoCloseable {

  private final OnnxSession session;

  public EncoderModel(OnnxSession session) {
    this.session = session;
  }

  public static EncoderModel load(Path onnxFile, RuntimeOptions options) {
    return load(onnxFile, options, ShapeProfile.encoder(32, 512, 4096));
  }

  /**
   * @param profile the shapes TensorRT builds its engine for; other devices ignore it
   */
  public static EncoderModel load(Path onnxFile, RuntimeOptions options, ShapeProfile profile) {
    return new EncoderModel(OnnxSession.load(onnxFile, options, profile));
  }

  /**
   * @param cache where ONNX Runtime's optimised graph is kept between loads; null for none
   */
  public static EncoderModel load(
      Path onnxFile, RuntimeOptions options, ShapeProfile profile, OptimizedGraphCache cache) {
    return new EncoderModel(OnnxSession.load(onnxFile, options, profile, cache));
  }

  /**
   * Embeds token sequences (each ending in {@code </s>}) as one batch. Results do not depend on
   * which other sequences share the batch.
   */
  public List<Embedding> embed(List<int[]> tokenSequences) {
    int batch = tokenSequences.size();
    int width = 0;
    for (int[] ids : tokenSequences) {
      width = Math.max(width, ids.length);
    }
    long[] ids = new long[batch * width];
    long[] mask = new long[batch * width];
    for (int b = 0; b < batch; b++) {
      int[] seq = tokenSequences.get(b);
      for (int i = 0; i < seq.length; i++) {
        ids[b * width + i] = seq[i];
        mask[b * width + i] = 1;
      }
      // remaining positions stay <pad> (0) with mask 0
    }
    Map<String, HostTensor> out =
        session.run(
            Map.of(
                T5EncoderGraph.INPUT_IDS, HostTensor.ofLongs(ids, batch, width),
                T5EncoderGraph.ATTENTION_MASK, HostTensor.ofLongs(mask, batch, width)));
    HostTensor hidden = out.get(T5EncoderGraph.HIDDEN);
    HostTensor pooled = out.get(T5EncoderGraph.PROTEIN);
    int d = hidden.dim(2);
    List<Embedding> result = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      int[] seq = tokenSequences.get(b);
      int residues = seq[seq.length - 1] == ProtT5Tokenizer.EOS_ID ? seq.length - 1 : seq.length;
      float[] rows = new float[residues * d];
      System.arraycopy(hidden.floats(), b * width * d, rows, 0, rows.length);
      float[] protein;
      if (pooled != null) {
        protein = new float[d];
        System.arraycopy(pooled.floats(), b * d, protein, 0, d);
      } else {
        protein = MeanPooling.rows(rows, residues, d);
      }
      result.add(new Embedding(rows, protein, residues, d));
    }
    return result;
  }

  public OnnxSession session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
  }
}
