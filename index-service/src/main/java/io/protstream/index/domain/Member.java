package io.protstream.index.domain;

/**
 * A live accession carrying a digest, with what search results show and filter on.
 *
 * @param curated curated annotations, or null when none are known
 */
public record Member(
    String accession,
    boolean reviewed,
    Long taxonId,
    String proteinName,
    String organism,
    CuratedAnnotations curated) {

  /** A source for annotation transfer: reviewed, with curated labels. */
  public boolean annotationSource() {
    return reviewed && curated != null && !curated.hasNoLabels();
  }
}
