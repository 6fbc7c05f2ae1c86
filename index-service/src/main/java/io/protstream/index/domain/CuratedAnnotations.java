package io.protstream.index.domain;

import java.util.List;

/** What UniProt curators attached to an entry: the labels annotation transfer works with. */
public record CuratedAnnotations(
    List<GoTerm> goTerms,
    List<String> ecNumbers,
    List<String> keywords,
    List<String> subcellularLocations) {

  public static final CuratedAnnotations NONE =
      new CuratedAnnotations(List.of(), List.of(), List.of(), List.of());

  public CuratedAnnotations {
    goTerms = List.copyOf(goTerms);
    ecNumbers = List.copyOf(ecNumbers);
    keywords = List.copyOf(keywords);
    subcellularLocations = List.copyOf(subcellularLocations);
  }

  public boolean hasNoLabels() {
    return goTerms.isEmpty()
        && ecNumbers.isEmpty()
        && keywords.isEmpty()
        && subcellularLocations.isEmpty();
  }
}
