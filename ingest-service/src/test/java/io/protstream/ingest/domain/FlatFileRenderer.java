package io.protstream.ingest.domain;

import io.protstream.ingest.domain.sequence.Crc64;

/** Writes entries back as UniProtKB flat-file records, to build release files for tests. */
public final class FlatFileRenderer {

  private FlatFileRenderer() {}

  public static String render(UniProtEntry entry) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "ID   %-24s%s;%12d AA.%n",
            entry.entryName(), entry.reviewed() ? "Reviewed" : "Unreviewed", entry.length()));
    out.append("AC   ").append(entry.accession()).append(';');
    for (String secondary : entry.secondaryAccessions()) {
      out.append(' ').append(secondary).append(';');
    }
    out.append('\n');
    out.append("DT   01-JAN-2000, integrated into UniProtKB/Swiss-Prot.\n");
    out.append(String.format("DT   01-JAN-2000, sequence version %d.%n", entry.sequenceVersion()));
    out.append(String.format("DT   01-JAN-2000, entry version %d.%n", entry.entryVersion()));
    if (entry.proteinName() != null) {
      out.append("DE   RecName: Full=").append(entry.proteinName()).append(";\n");
    }
    if (entry.geneName() != null) {
      out.append("GN   Name=").append(entry.geneName()).append(";\n");
    }
    CuratedAnnotations curated = entry.curated();
    if (curated != null) {
      for (String ec : curated.ecNumbers()) {
        out.append("DE            EC=").append(ec).append(";\n");
      }
    }
    out.append("OS   ").append(entry.organismName()).append(".\n");
    out.append("OX   NCBI_TaxID=").append(entry.taxId()).append(";\n");
    if (curated != null) {
      if (!curated.subcellularLocations().isEmpty()) {
        out.append("CC   -!- SUBCELLULAR LOCATION: ");
        out.append(String.join(". ", curated.subcellularLocations())).append(".\n");
      }
      for (CuratedAnnotations.GoTerm term : curated.goTerms()) {
        out.append("DR   GO; ").append(term.id()).append("; ").append(term.aspect());
        out.append(":term; ").append(term.evidence() == null ? "ND" : term.evidence());
        out.append(":UniProtKB.\n");
      }
      if (!curated.keywords().isEmpty()) {
        out.append("KW   ").append(String.join("; ", curated.keywords())).append(".\n");
      }
    }
    String sequence = entry.sequence();
    out.append(
        String.format(
            "SQ   SEQUENCE %5d AA;  %d MW;  %s CRC64;%n",
            sequence.length(), 0, Crc64.hexOf(sequence)));
    for (int i = 0; i < sequence.length(); i += 60) {
      out.append("    ");
      for (int j = i; j < Math.min(i + 60, sequence.length()); j += 10) {
        out.append(' ').append(sequence, j, Math.min(j + 10, sequence.length()));
      }
      out.append('\n');
    }
    out.append("//\n");
    return out.toString();
  }
}
