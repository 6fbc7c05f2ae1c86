package io.protstream.embed.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.embed.testing.ReferenceCases;
import io.protstream.embed.testing.TinyModel;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.RuntimeOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refusals, token-budget batches and bisection, on the tiny reference model. */
class SequenceEmbeddingTest {

  private static ProtT5Model model;

  @BeforeAll
  static void open() {
    model = ProtT5Model.open(TinyModel.folder(), RuntimeOptions.cpu(), BatchLimits.DEFAULT);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void aSequenceTheEncoderFailsOnIsIsolatedAndTheRestIsEmbedded() {
    String poison = "MKWVTFISLLFLFSSAYS";
    List<Integer> batchSizes = new ArrayList<>();
    SequenceEmbedding.Encoder failing =
        batch -> {
          if (batch.stream().anyMatch(s -> s.sequence().equals(poison))) {
            throw new IllegalStateException("encoder broke");
          }
          return model.embed(batch);
        };
    SequenceEmbedding embedding =
        new SequenceEmbedding(
            failing,
            BatchLimits.DEFAULT,
            1000,
            (sequences, residues, padding, nanos) -> batchSizes.add(sequences));
    Map<String, String> input = new LinkedHashMap<>();
    // eight sequences of similar length: one token-budget batch, so bisection has work to do
    for (int i = 0; i < 8; i++) {
      input.put(
          "s" + i,
          i == 5 ? poison : ("MKTAYIAKQRQISFVKSH".substring(0, 17) + "ACDEFGHI".charAt(i)));
    }

    Map<String, SequenceEmbedding.Outcome> out = embedding.embed(input);

    assertEquals(List.copyOf(input.keySet()), List.copyOf(out.keySet()), "input order");
    assertFalse(out.get("s5").embedded());
    assertEquals(Refusal.Reason.MODEL_FAILURE, out.get("s5").refusal().reason());
    assertTrue(out.get("s5").refusal().message().contains("encoder broke"));
    for (String key : input.keySet()) {
      if (!key.equals("s5")) {
        assertTrue(out.get(key).embedded(), key);
        float[] alone =
            model
                .embed(List.of(new ProteinSequence(key, input.get(key))))
                .get(0)
                .embedding()
                .protein();
        double error =
            ReferenceCases.relativeError(alone, out.get(key).embedding().embedding().protein());
        assertTrue(error <= 1e-5, key + ": " + error);
      }
    }
    // 8 fails -> 4 ok + [4 fails -> [2 fails -> 1 ok + poison] + 2 ok]
    assertEquals(List.of(4, 1, 2), batchSizes);
  }

  @Test
  void refusesWhatTheEncoderMustNotSee() {
    SequenceEmbedding embedding =
        new SequenceEmbedding(model::embed, BatchLimits.DEFAULT, 20, (a, b, c, d) -> {});
    assertEquals(Refusal.Reason.EMPTY, embedding.check("").orElseThrow().reason());
    assertEquals(Refusal.Reason.INVALID_CHARACTER, embedding.check("MK-T").orElseThrow().reason());
    assertEquals(Refusal.Reason.TOO_LONG, embedding.check("A".repeat(21)).orElseThrow().reason());
    assertTrue(embedding.check("A".repeat(20)).isEmpty());
    assertTrue(embedding.check("mkuzob").isEmpty(), "lower case and rare residues are tokens");
  }

  @Test
  void embedsEachFixtureCaseAsTheReferenceDoes() {
    List<ReferenceCases.Case> cases = ReferenceCases.all();
    SequenceEmbedding embedding =
        new SequenceEmbedding(model::embed, BatchLimits.DEFAULT, 1000, (a, b, c, d) -> {});
    Map<String, String> input = new LinkedHashMap<>();
    cases.forEach(c -> input.put(c.name(), c.sequence()));
    Map<String, SequenceEmbedding.Outcome> out = embedding.embed(input);
    for (ReferenceCases.Case c : cases) {
      var e = out.get(c.name()).embedding().embedding();
      assertTrue(ReferenceCases.relativeError(c.protein(), e.protein()) <= 1e-4, c.name());
      assertTrue(ReferenceCases.relativeError(c.residues(), e.residues()) <= 1e-4, c.name());
      assertArrayEquals(
          model
              .embed(List.of(new ProteinSequence(c.name(), c.sequence())))
              .get(0)
              .embedding()
              .protein(),
          e.protein(),
          c.name() + ": alone in its batch, so identical to a direct run");
    }
  }
}
