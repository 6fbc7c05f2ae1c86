package io.protstream.predict.domain;

/**
 * Why a per-residue matrix cannot be annotated.
 *
 * @param stage where it failed, {@code predict.<step>}, for the dead letter's stage header and the
 *     rejection metric
 * @param reason what is wrong, for the dead letter's reason header and the log
 */
public record Refusal(String stage, String reason) {

  public static final String DECODE = "predict.decode";
  public static final String ASSEMBLE = "predict.assemble";
  public static final String MODEL_ID = "predict.model-id";
  public static final String SHAPE = "predict.shape";
  public static final String VALUES = "predict.values";
  public static final String HEADS = "predict.heads";
}
