package io.protstream.index.domain;

import java.util.List;

/**
 * The answer to a {@link SearchRequest}.
 *
 * @param queryDigest digest of the query sequence (accession queries), else null
 * @param modelId encoder of the query vector, when known
 */
public record SearchResult(
    String queryAccession,
    String queryDigest,
    String modelId,
    IndexMethod method,
    Metric metric,
    int k,
    List<Neighbour> neighbours,
    TransferredAnnotations transferred) {

  /**
   * One neighbour: a digest with the live accessions that pass the filters.
   *
   * @param distance in the request's metric
   * @param euclideanDistance what the reliability index is computed from
   */
  public record Neighbour(
      String digest,
      double distance,
      double euclideanDistance,
      double reliabilityIndex,
      String modelId,
      List<Member> accessions,
      String localization,
      String membrane) {}
}
