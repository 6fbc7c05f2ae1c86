package io.protstream.index.domain;

import java.util.List;

/** Labels transferred from neighbours, each list highest reliability first. */
public record TransferredAnnotations(
    List<TransferredLabel> goTerms,
    List<TransferredLabel> ecNumbers,
    List<TransferredLabel> keywords,
    List<TransferredLabel> subcellularLocations) {

  /**
   * One transferred label.
   *
   * @param label GO identifier, EC number, keyword or location name
   * @param aspect GO aspect (P, F, C); null for the other kinds
   * @param reliabilityIndex 0.5 / (0.5 + distance)
   * @param distance Euclidean distance to the source
   * @param sourceAccession the reviewed neighbour it came from
   */
  public record TransferredLabel(
      String label,
      String aspect,
      double reliabilityIndex,
      double distance,
      String sourceAccession) {}
}
