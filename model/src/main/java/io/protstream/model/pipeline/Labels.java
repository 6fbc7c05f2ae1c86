package io.protstream.model.pipeline;

import java.util.List;

/** Class orders of the heads, as the published checkpoints were trained with. */
public final class Labels {

  public static final List<String> DSSP3 = List.of("H", "E", "C");
  public static final List<String> DSSP8 = List.of("G", "H", "I", "B", "E", "S", "T", "C");

  /** Disorder as one character per residue: {@code -} ordered, {@code X} disordered. */
  public static final List<String> DISORDER = List.of("-", "X");

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

  public static final List<String> MEMBRANE = List.of("Membrane", "Soluble");

  private Labels() {}
}
