package io.protstream.schemas;

import java.util.List;

/**
 * Class orders of {@code AnnotationEvent}: the characters of the per-residue strings and the column
 * order of their probability matrices, and the order of the per-protein probability arrays. The
 * schema docs state the same orders; producers and consumers use these constants.
 */
public final class AnnotationClasses {

  /**
   * 3-state secondary structure: helix, strand, other (coil), in the ProtT5-sec head's output
   * order.
   */
  public static final String DSSP3 = "HEC";

  /** 8-state DSSP secondary structure; C is coil/other. */
  public static final String DSSP8 = "GHIBESTC";

  /**
   * Disorder: {@code -} ordered, {@code X} disordered, in the head's output order (the
   * bio_embeddings letters).
   */
  public static final String DISORDER = "-X";

  /** Subcellular localization classes, in the order of {@code localizationProbabilities}. */
  public static final List<String> LOCALIZATION =
      List.of(
          "Cell membrane",
          "Cytoplasm",
          "Endoplasmic reticulum",
          "Golgi apparatus",
          "Lysosome/Vacuole",
          "Mitochondrion",
          "Nucleus",
          "Peroxisome",
          "Plastid",
          "Extracellular");

  /** Membrane-bound or soluble, in the order of {@code membraneProbabilities}. */
  public static final List<String> MEMBRANE = List.of("Membrane", "Soluble");

  private AnnotationClasses() {}
}
