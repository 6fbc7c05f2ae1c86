package io.protstream.predict.domain;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.pipeline.Prediction;
import io.protstream.model.runtime.Embedding;
import io.protstream.schemas.Fp16Matrix;
import io.protstream.schemas.ProbabilityBytes;
import io.protstream.schemas.SequenceLimits;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Whole per-residue matrices in, annotations out: checks that each matrix comes from the encoder
 * the heads were trained on and has the shape it declares, decodes it, runs the heads on all good
 * matrices together (the model batches them by its token budget) and turns the predictions into
 * {@code AnnotationEvent}s. A matrix that fails any step is refused with the reason; the others are
 * annotated regardless.
 */
public final class Annotator {

  /** The result for one matrix: exactly one of {@code annotation} and {@code refusal}. */
  public record Outcome(AnnotationEvent annotation, Refusal refusal) {}

  private final Function<List<EmbeddingResult>, List<Prediction>> heads;
  private final HeadIds ids;
  private final int dimension;
  private final Clock clock;

  /**
   * @param heads the heads, e.g. {@code ProtT5Model::predictFromEmbeddings}
   * @param dimension the encoder width the heads read
   */
  public Annotator(
      Function<List<EmbeddingResult>, List<Prediction>> heads,
      HeadIds ids,
      int dimension,
      Clock clock) {
    this.heads = heads;
    this.ids = ids;
    this.dimension = dimension;
    this.clock = clock;
  }

  /** One outcome per matrix, in input order. */
  public List<Outcome> annotate(List<ResidueEmbeddingEvent> matrices) {
    Outcome[] out = new Outcome[matrices.size()];
    List<Integer> good = new ArrayList<>();
    List<EmbeddingResult> inputs = new ArrayList<>();
    for (int i = 0; i < matrices.size(); i++) {
      ResidueEmbeddingEvent m = matrices.get(i);
      Refusal refusal = check(m);
      if (refusal != null) {
        out[i] = new Outcome(null, refusal);
        continue;
      }
      float[] residues = Fp16Matrix.decodeFlat(m.getResidues());
      int bad = firstNonFinite(residues);
      if (bad >= 0) {
        out[i] =
            new Outcome(
                null,
                new Refusal(
                    Refusal.VALUES,
                    "residue matrix has a non-finite value at row "
                        + bad / m.getDimension()
                        + ", column "
                        + bad % m.getDimension()));
        continue;
      }
      good.add(i);
      inputs.add(
          new EmbeddingResult(
              m.getSequenceDigest(),
              new Embedding(residues, new float[0], m.getLength(), m.getDimension()),
              m.getWindowed()));
    }
    runHeads(matrices, good, inputs, out);
    return List.of(out);
  }

  private Refusal check(ResidueEmbeddingEvent m) {
    if (!ids.encoder().equals(m.getModelId())) {
      return new Refusal(
          Refusal.MODEL_ID,
          "matrix made by encoder " + m.getModelId() + ", the heads read " + ids.encoder());
    }
    if (m.getLength() > SequenceLimits.MAX_RESIDUES) {
      return new Refusal(
          Refusal.SHAPE,
          "residue matrix has "
              + m.getLength()
              + " rows, more than "
              + SequenceLimits.MAX_RESIDUES);
    }
    try {
      ResidueMatrixShape.check(
          m.getLength(), m.getDimension(), m.getResidues().remaining(), dimension);
      return null;
    } catch (ResidueMatrixShape.InvalidShapeException e) {
      return new Refusal(Refusal.SHAPE, e.getMessage());
    }
  }

  /**
   * Runs the heads on all inputs at once; if that fails, halves the set until the inputs that fail
   * on their own are found, so one bad matrix cannot hold back the rest.
   */
  private void runHeads(
      List<ResidueEmbeddingEvent> matrices,
      List<Integer> indexes,
      List<EmbeddingResult> inputs,
      Outcome[] out) {
    if (inputs.isEmpty()) {
      return;
    }
    List<Prediction> predictions;
    try {
      predictions = heads.apply(inputs);
    } catch (RuntimeException e) {
      if (inputs.size() == 1) {
        out[indexes.get(0)] =
            new Outcome(null, new Refusal(Refusal.HEADS, "the heads failed: " + e.getMessage()));
        return;
      }
      int half = inputs.size() / 2;
      runHeads(matrices, indexes.subList(0, half), inputs.subList(0, half), out);
      runHeads(
          matrices,
          indexes.subList(half, indexes.size()),
          inputs.subList(half, inputs.size()),
          out);
      return;
    }
    for (int k = 0; k < predictions.size(); k++) {
      int i = indexes.get(k);
      out[i] = new Outcome(event(matrices.get(i), predictions.get(k)), null);
    }
  }

  private AnnotationEvent event(ResidueEmbeddingEvent m, Prediction p) {
    return AnnotationEvent.newBuilder()
        .setSequenceDigest(m.getSequenceDigest())
        .setAccessions(m.getAccessions())
        .setEncoderModelId(ids.encoder())
        .setSecondaryStructureModelId(ids.secstruct())
        .setDisorderModelId(ids.secstruct())
        .setLocalizationModelId(ids.localization())
        .setMembraneModelId(p.membrane() == null ? null : ids.membrane())
        .setLength(m.getLength())
        .setDssp3(p.dssp3())
        .setDssp3Probabilities(bytes(p.dssp3Probabilities()))
        .setDssp8(p.dssp8())
        .setDssp8Probabilities(bytes(p.dssp8Probabilities()))
        .setDisorder(p.disorder())
        .setDisorderProbabilities(bytes(p.disorderProbabilities()))
        .setLocalization(p.localization())
        .setLocalizationProbabilities(floats(p.localizationProbabilities()))
        .setMembrane(p.membrane())
        .setMembraneProbabilities(floats(p.membraneProbabilities()))
        .setCreatedAt(clock.instant())
        .build();
  }

  private static ByteBuffer bytes(float[][] probabilities) {
    return ByteBuffer.wrap(ProbabilityBytes.encode(probabilities));
  }

  private static List<Float> floats(float[] values) {
    List<Float> out = new ArrayList<>(values == null ? 0 : values.length);
    if (values != null) {
      for (float v : values) {
        out.add(v);
      }
    }
    return out;
  }

  private static int firstNonFinite(float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }
}
