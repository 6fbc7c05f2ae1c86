package io.protstream.model.testing;

import java.util.List;

/**
 * Class orders of the published heads, written out from their documentation (ProtT5-sec: DSSP3 H,
 * E, C; DSSP8 G, H, I, B, E, S, T, C; disorder -, X. Light Attention: the 10 DeepLoc localization
 * classes; membrane-bound, soluble), independently of the production constants that tests check
 * against them.
 */
public final class PublishedLabels {

  public static final List<String> DSSP3 = List.of("H", "E", "C");
  public static final List<String> DSSP8 = List.of("G", "H", "I", "B", "E", "S", "T", "C");
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

  private PublishedLabels() {}
}
