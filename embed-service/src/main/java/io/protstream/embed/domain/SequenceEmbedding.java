package io.protstream.embed.domain;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.batching.TokenBudgetBatcher;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.tokenizer.InvalidSequenceException;
import io.protstream.model.tokenizer.ProtT5Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Embeds the distinct sequences of one consumed batch: refuses what the encoder must not see, sorts
 * the rest by length and cuts encoder batches by token budget, and isolates a sequence the encoder
 * fails on by bisecting its batch, so one bad sequence costs only itself.
 */
public final class SequenceEmbedding {

  /** The encoder: embeds one batch, results in input order. */
  @FunctionalInterface
  public interface Encoder {
    List<EmbeddingResult> embed(List<ProteinSequence> batch);
  }

  /** Told about every encoder batch that succeeded. */
  @FunctionalInterface
  public interface BatchObserver {
    /**
     * @param paddingFraction padded token slots over all slots of the batch
     * @param residues real residues embedded
     */
    void batchEmbedded(int sequences, int residues, double paddingFraction, long nanos);
  }

  /** A sequence's result: exactly one of the two is set. */
  public record Outcome(EmbeddingResult embedding, Refusal refusal) {
    public boolean embedded() {
      return embedding != null;
    }
  }

  private final Encoder encoder;
  private final BatchLimits limits;
  private final int maxResidues;
  private final BatchObserver observer;
  private final ProtT5Tokenizer tokenizer = new ProtT5Tokenizer();

  /**
   * @param maxResidues longest sequence embedded at all (longer: {@code TOO_LONG})
   */
  public SequenceEmbedding(
      Encoder encoder, BatchLimits limits, int maxResidues, BatchObserver observer) {
    this.encoder = encoder;
    this.limits = limits;
    this.maxResidues = maxResidues;
    this.observer = observer;
  }

  /** Whether the encoder may see this sequence; empty when it may. */
  public Optional<Refusal> check(String sequence) {
    if (sequence != null && sequence.length() > maxResidues) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.TOO_LONG,
              sequence.length() + " residues, the limit is " + maxResidues,
              null));
    }
    try {
      tokenizer.validate(sequence == null ? "" : sequence);
      return Optional.empty();
    } catch (InvalidSequenceException e) {
      Refusal.Reason reason =
          e.reason() == InvalidSequenceException.Reason.EMPTY
              ? Refusal.Reason.EMPTY
              : Refusal.Reason.INVALID_CHARACTER;
      return Optional.of(new Refusal(reason, e.getMessage(), e));
    }
  }

  /**
   * Embeds sequences by key (one entry per distinct sequence).
   *
   * @return one outcome per key, in the input's order
   */
  public Map<String, Outcome> embed(Map<String, String> sequencesByKey) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    List<ProteinSequence> accepted = new ArrayList<>();
    sequencesByKey.forEach(
        (key, sequence) -> {
          Optional<Refusal> refusal = check(sequence);
          if (refusal.isPresent()) {
            outcomes.put(key, new Outcome(null, refusal.get()));
          } else {
            outcomes.put(key, null); // keeps the input order
            accepted.add(new ProteinSequence(key, sequence));
          }
        });
    for (List<ProteinSequence> batch :
        new TokenBudgetBatcher(limits).batches(accepted, this::tokens)) {
      run(batch, outcomes);
    }
    return outcomes;
  }

  /** Padded row length of a sequence: residues (at most one window) plus the end token. */
  private int tokens(ProteinSequence s) {
    return Math.min(s.sequence().length(), limits.maxLength()) + 1;
  }

  private void run(List<ProteinSequence> batch, Map<String, Outcome> outcomes) {
    List<EmbeddingResult> results;
    long started = System.nanoTime();
    try {
      results = encoder.embed(batch);
      if (results.size() != batch.size()) {
        throw new IllegalStateException(
            results.size() + " embeddings for a batch of " + batch.size());
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        outcomes.put(
            batch.get(0).id(),
            new Outcome(
                null,
                new Refusal(
                    Refusal.Reason.MODEL_FAILURE, "the encoder failed: " + e.getMessage(), e)));
        return;
      }
      // find the sequence that breaks the batch; the others are embedded in the halves
      int half = batch.size() / 2;
      run(batch.subList(0, half), outcomes);
      run(batch.subList(half, batch.size()), outcomes);
      return;
    }
    long nanos = System.nanoTime() - started;
    int residues = 0;
    for (int i = 0; i < batch.size(); i++) {
      outcomes.put(batch.get(i).id(), new Outcome(results.get(i), null));
      residues += batch.get(i).sequence().length();
    }
    observer.batchEmbedded(
        batch.size(),
        residues,
        TokenBudgetBatcher.paddingFraction(List.of(batch), this::tokens),
        nanos);
  }
}
