package io.protstream.model.pipeline;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.batching.TokenBudgetBatcher;
import io.protstream.model.batching.Window;
import io.protstream.model.batching.Windows;
import io.protstream.model.runtime.Embedding;
import io.protstream.model.runtime.EncoderModel;
import io.protstream.model.runtime.MeanPooling;
import io.protstream.model.tokenizer.ProtT5Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Embeds any number of sequences: tokenizes, splits over-long ones into windows, forms token-budget
 * batches of similar length, runs the encoder, and returns results in input order.
 */
public final class Embedder {

  /** One encoder input: a whole sequence or one window of it. */
  private record Piece(int sequence, int window, int[] ids) {}

  private final EncoderModel encoder;
  private final BatchLimits limits;
  private final ProtT5Tokenizer tokenizer = new ProtT5Tokenizer();

  public Embedder(EncoderModel encoder, BatchLimits limits) {
    this.encoder = encoder;
    this.limits = limits;
  }

  public List<EmbeddingResult> embed(List<ProteinSequence> sequences) {
    return embed(sequences, done -> {});
  }

  /**
   * @param progress told the number of input residues finished after each batch
   * @throws io.protstream.model.tokenizer.InvalidSequenceException before any work, if a sequence
   *     is invalid
   */
  public List<EmbeddingResult> embed(List<ProteinSequence> sequences, IntConsumer progress) {
    List<List<Window>> plans = new ArrayList<>();
    List<Piece> pieces = new ArrayList<>();
    for (int s = 0; s < sequences.size(); s++) {
      String seq = sequences.get(s).sequence();
      tokenizer.validate(seq);
      List<Window> plan = Windows.plan(seq.length(), limits.maxLength(), limits.windowOverlap());
      plans.add(plan);
      for (int w = 0; w < plan.size(); w++) {
        Window window = plan.get(w);
        pieces.add(new Piece(s, w, tokenizer.encode(seq.substring(window.start(), window.end()))));
      }
    }
    Embedding[][] byWindow = new Embedding[sequences.size()][];
    for (int s = 0; s < sequences.size(); s++) {
      byWindow[s] = new Embedding[plans.get(s).size()];
    }
    for (List<Piece> batch : new TokenBudgetBatcher(limits).batches(pieces, p -> p.ids().length)) {
      List<int[]> ids = batch.stream().map(Piece::ids).toList();
      List<Embedding> out = encoder.embed(ids);
      int residues = 0;
      for (int i = 0; i < batch.size(); i++) {
        Piece p = batch.get(i);
        byWindow[p.sequence()][p.window()] = out.get(i);
        Window w = plans.get(p.sequence()).get(p.window());
        residues += w.keepTo() - w.keepFrom();
      }
      progress.accept(residues);
    }
    List<EmbeddingResult> results = new ArrayList<>(sequences.size());
    for (int s = 0; s < sequences.size(); s++) {
      results.add(assemble(sequences.get(s), plans.get(s), byWindow[s]));
    }
    return results;
  }

  private static EmbeddingResult assemble(
      ProteinSequence seq, List<Window> plan, Embedding[] parts) {
    if (plan.size() == 1) {
      return new EmbeddingResult(seq.id(), parts[0], false);
    }
    int d = parts[0].dModel();
    int length = seq.sequence().length();
    List<float[]> rows = new ArrayList<>();
    for (Embedding e : parts) {
      rows.add(e.residues());
    }
    float[] stitched = Windows.stitch(plan, rows, length, d);
    float[] protein = MeanPooling.rows(stitched, length, d);
    return new EmbeddingResult(seq.id(), new Embedding(stitched, protein, length, d), true);
  }
}
