package io.protstream.model.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenBudgetBatcherTest {

  @Test
  void respectsBatchSizeAndTokenBudgetAndKeepsEveryItem() {
    List<Integer> lengths = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 500; i++) {
      lengths.add(20 + r.nextInt(1000));
    }
    List<List<Integer>> batches = new TokenBudgetBatcher(16, 4096).batches(lengths, x -> x);
    int total = 0;
    for (List<Integer> b : batches) {
      int width = b.stream().mapToInt(x -> x).max().orElseThrow();
      assertTrue(b.size() <= 16);
      assertTrue(b.size() * width <= 4096 || b.size() == 1);
      assertTrue(width <= 1.25 * b.stream().mapToInt(x -> x).min().orElseThrow());
      total += b.size();
    }
    assertEquals(lengths.size(), total);
    assertTrue(TokenBudgetBatcher.paddingFraction(batches, x -> x) < 0.1);
  }

  @Test
  void anItemOverTheBudgetGetsABatchOfItsOwn() {
    List<List<Integer>> batches =
        new TokenBudgetBatcher(8, 100).batches(List.of(10, 500, 12), x -> x);
    assertEquals(List.of(List.of(10, 12), List.of(500)), batches);
  }

  @Test
  void equalLengthsHaveNoPadding() {
    List<List<Integer>> batches =
        new TokenBudgetBatcher(4, 1000).batches(List.of(5, 5, 5, 5, 5), x -> x);
    assertEquals(2, batches.size());
    assertEquals(0.0, TokenBudgetBatcher.paddingFraction(batches, x -> x));
  }
}
