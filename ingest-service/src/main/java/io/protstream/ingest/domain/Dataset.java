package io.protstream.ingest.domain;

import java.util.Locale;
import java.util.Optional;

/** The two halves of UniProtKB; a release file speaks for one of them, or for both. */
public enum Dataset {
  /** Reviewed entries ({@code uniprot_sprot*}). */
  SWISS_PROT,
  /** Unreviewed entries ({@code uniprot_trembl*}). */
  TREMBL;

  public static Dataset of(boolean reviewed) {
    return reviewed ? SWISS_PROT : TREMBL;
  }

  /** What UniProt's file names say: {@code uniprot_sprot.dat.gz}, {@code uniprot_trembl.xml.gz}. */
  public static Optional<Dataset> fromFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean sprot = lower.contains("sprot") || lower.contains("swiss");
    boolean trembl = lower.contains("trembl");
    if (sprot == trembl) {
      return Optional.empty();
    }
    return Optional.of(sprot ? SWISS_PROT : TREMBL);
  }

  /**
   * Accepts {@code Swiss-Prot}, {@code SWISS_PROT}, {@code sprot}, {@code TrEMBL}, {@code trembl}.
   */
  public static Optional<Dataset> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return switch (t) {
      case "swissprot", "sprot", "sp", "reviewed" -> Optional.of(SWISS_PROT);
      case "trembl", "tr", "unreviewed" -> Optional.of(TREMBL);
      default ->
          throw new IllegalArgumentException(
              "dataset must be Swiss-Prot or TrEMBL, not '" + text + "'");
    };
  }
}
