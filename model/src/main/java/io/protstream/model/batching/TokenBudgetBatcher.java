package io.protstream.model.batching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Groups items of similar length so that padding stays small: items are ordered by length and cut
 * into consecutive runs, each as large as the batch-size and padded-token limits allow and no
 * longer than {@value #MAX_WIDTH_RATIO} times its shortest item, which bounds a batch's padding at
 * 20 %. A single item over the token budget still forms a batch of its own rather than being
 * dropped.
 */
public final class TokenBudgetBatcher {

  /** Longest over shortest row in one batch. */
  static final double MAX_WIDTH_RATIO = 1.25;

  private final int maxBatchSize;
  private final int maxTokens;

  public TokenBudgetBatcher(int maxBatchSize, int maxTokens) {
    this.maxBatchSize = maxBatchSize;
    this.maxTokens = maxTokens;
  }

  public TokenBudgetBatcher(BatchLimits limits) {
    this(limits.maxBatchSize(), limits.maxTokens());
  }

  /** Batches in ascending length; {@code tokens} gives an item's padded-row length. */
  public <T> List<List<T>> batches(List<T> items, ToIntFunction<T> tokens) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparingInt(tokens));
    List<List<T>> batches = new ArrayList<>();
    List<T> current = new ArrayList<>();
    for (T item : sorted) {
      // sorted ascending, so this item is the batch's longest and sets its padded width
      int width = tokens.applyAsInt(item);
      boolean fits =
          current.size() < maxBatchSize
              && (long) (current.size() + 1) * width <= maxTokens
              && (current.isEmpty()
                  || width <= MAX_WIDTH_RATIO * tokens.applyAsInt(current.get(0)));
      if (!fits && !current.isEmpty()) {
        batches.add(current);
        current = new ArrayList<>();
      }
      current.add(item);
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  /** Fraction of padded tokens over all batch slots; 0 means no padding at all. */
  public static <T> double paddingFraction(List<List<T>> batches, ToIntFunction<T> tokens) {
    long real = 0;
    long slots = 0;
    for (List<T> batch : batches) {
      int width = batch.stream().mapToInt(tokens).max().orElse(0);
      slots += (long) width * batch.size();
      real += batch.stream().mapToLong(tokens::applyAsInt).sum();
    }
    return slots == 0 ? 0 : 1.0 - (double) real / slots;
  }
}
