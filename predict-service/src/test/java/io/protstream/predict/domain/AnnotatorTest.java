package io.protstream.predict.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.pipeline.Prediction;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.runtime.Embedding;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.predict.testing.Reference;
import io.protstream.predict.testing.TinyModel;
import io.protstream.schemas.Fp16Matrix;
import io.protstream.schemas.ProbabilityBytes;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The heads on fp16 per-residue matrices of the reference cases: the annotations carry what the
 * reference heads compute (expected logits of the fixture) and exactly what the model library
 * computes on the same matrices; bad matrices are refused without holding back the good ones.
 */
class AnnotatorTest {

  private static final Instant NOW = Instant.parse("2025-02-05T12:00:00Z");
  private static ProtT5Model model;
  private static Annotator annotator;

  @BeforeAll
  static void open() {
    model =
        ProtT5Model.open(
            TinyModel.folder(), RuntimeOptions.cpu(), new BatchLimits(32, 8192, 4000, 0));
    annotator =
        new Annotator(
            model::predictFromEmbeddings,
            HeadIds.of(model.manifest()),
            64,
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void annotationsMatchTheReferenceHeadsAndTheLibraryOnTheSameMatrices() {
    List<TinyModel.Case> cases = TinyModel.cases();
    List<ResidueEmbeddingEvent> events = new ArrayList<>();
    for (TinyModel.Case c : cases) {
      events.add(event(c.name(), TinyModel.encoderId(), c.length(), c.dimension(), c.residues()));
    }

    List<Annotator.Outcome> outcomes = annotator.annotate(events);

    assertEquals(cases.size(), outcomes.size());
    for (int i = 0; i < cases.size(); i++) {
      TinyModel.Case c = cases.get(i);
      AnnotationEvent a = outcomes.get(i).annotation();
      assertNotNull(a, c.name() + ": " + outcomes.get(i).refusal());
      assertEquals(c.name(), a.getSequenceDigest());
      assertEquals(c.length(), a.getLength());
      assertEquals(TinyModel.encoderId(), a.getEncoderModelId());
      assertEquals(NOW, a.getCreatedAt());

      Reference.assertMatches(c, a);

      // the library, one matrix at a time, on the same fp16-rounded values
      float[] decoded = Fp16Matrix.decodeFlat(Fp16Matrix.encode(c.residues()));
      Prediction direct =
          model
              .predictFromEmbeddings(
                  List.of(
                      new EmbeddingResult(
                          c.name(),
                          new Embedding(decoded, new float[0], c.length(), c.dimension()),
                          false)))
              .get(0);
      assertEquals(direct.dssp3(), a.getDssp3().toString(), c.name());
      assertEquals(direct.dssp8(), a.getDssp8().toString(), c.name());
      assertEquals(direct.disorder(), a.getDisorder().toString(), c.name());
      assertBytesWithinOne(
          ProbabilityBytes.encode(direct.dssp3Probabilities()), a.getDssp3Probabilities());
      assertEquals(direct.localization(), a.getLocalization().toString());
      assertEquals(direct.membrane(), a.getMembrane().toString());
    }
  }

  @Test
  void badMatricesAreRefusedWithTheirReasonWhileTheOthersAreAnnotated() {
    TinyModel.Case c = TinyModel.byName("short_random");
    float[] withNaN = c.residues().clone();
    withNaN[5 * 64 + 3] = Float.NaN;
    List<ResidueEmbeddingEvent> events =
        List.of(
            event("wrong-model", "prott5-000000000000", c.length(), 64, c.residues()),
            event("good", TinyModel.encoderId(), c.length(), 64, c.residues()),
            // the byte count fits 2 x 32 rows of 40, but the heads read d = 64
            event("wrong-width", TinyModel.encoderId(), 2 * c.length(), 32, c.residues()),
            event("nan", TinyModel.encoderId(), c.length(), 64, withNaN));

    List<Annotator.Outcome> out = annotator.annotate(events);

    assertRefused(out.get(0), Refusal.MODEL_ID, "prott5-000000000000");
    assertNotNull(out.get(1).annotation());
    assertNull(out.get(1).refusal());
    assertRefused(out.get(2), Refusal.SHAPE, "dimension 32");
    assertRefused(out.get(3), Refusal.VALUES, "row 5, column 3");
  }

  private static void assertRefused(Annotator.Outcome o, String stage, String inReason) {
    assertNull(o.annotation());
    assertEquals(stage, o.refusal().stage());
    assertTrue(o.refusal().reason().contains(inReason), o.refusal().reason());
  }

  private static ResidueEmbeddingEvent event(
      String digest, String modelId, int length, int dimension, float[] residues) {
    return ResidueEmbeddingEvent.newBuilder()
        .setSequenceDigest(digest)
        .setModelId(modelId)
        .setLength(length)
        .setDimension(dimension)
        .setResidues(ByteBuffer.wrap(Fp16Matrix.encode(residues)))
        .setCreatedAt(NOW)
        .build();
  }

  private static void assertBytesWithinOne(byte[] expected, ByteBuffer actual) {
    byte[] got = new byte[actual.remaining()];
    actual.duplicate().get(got);
    assertEquals(expected.length, got.length);
    for (int i = 0; i < got.length; i++) {
      assertTrue(Math.abs((expected[i] & 0xFF) - (got[i] & 0xFF)) <= 1, "byte " + i);
    }
  }
}
