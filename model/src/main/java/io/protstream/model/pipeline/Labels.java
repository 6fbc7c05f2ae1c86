package io.protstream.model.pipeline;

import io.protstream.schemas.AnnotationClasses;
import java.util.List;

/**
 * Class orders of the heads, as the published checkpoints were trained with, as lists of labels.
 * The orders themselves live once, in {@link AnnotationClasses} (the annotation events carry them),
 * so the model and the events cannot disagree.
 */
public final class Labels {

  public static final List<String> DSSP3 = characters(AnnotationClasses.DSSP3);
  public static final List<String> DSSP8 = characters(AnnotationClasses.DSSP8);

  /** Disorder as one character per residue: {@code -} ordered, {@code X} disordered. */
  public static final List<String> DISORDER = characters(AnnotationClasses.DISORDER);

  public static final List<String> LOCALIZATION = AnnotationClasses.LOCALIZATION;

  public static final List<String> MEMBRANE = AnnotationClasses.MEMBRANE;

  private Labels() {}

  private static List<String> characters(String classes) {
    return classes.chars().mapToObj(c -> String.valueOf((char) c)).toList();
  }
}
