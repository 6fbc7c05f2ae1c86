package io.protstream.index.domain;

import io.protstream.index.domain.TransferredAnnotations.TransferredLabel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Annotation transfer by embedding similarity (EAT; goPredSim, Littmann et al. 2021): a query
 * inherits the labels of its nearest annotated neighbours, each with the reliability index RI = 0.5
 * / (0.5 + d), d the Euclidean distance between the per-protein embeddings.
 *
 * <p>Each kind of label is transferred on its own, as goPredSim does per GO ontology: for GO terms
 * of each aspect (P, F, C), EC numbers, keywords and subcellular locations, the sources are the
 * {@code sourcesPerKind} nearest neighbours that carry at least one label of that kind; a label
 * found on several sources keeps the nearest. Only reviewed entries with curated annotations are
 * sources.
 */
public final class AnnotationTransfer {

  private final int sourcesPerKind;

  public AnnotationTransfer(int sourcesPerKind) {
    if (sourcesPerKind < 1) {
      throw new IllegalArgumentException("sourcesPerKind must be positive: " + sourcesPerKind);
    }
    this.sourcesPerKind = sourcesPerKind;
  }

  /** goPredSim's reliability index for Euclidean distance {@code d}. */
  public static double reliabilityIndex(double d) {
    return 0.5 / (0.5 + d);
  }

  /**
   * A neighbour of the query.
   *
   * @param euclideanDistance Euclidean distance to the query, whatever metric ranked it
   * @param members its live accessions
   */
  public record Neighbour(double euclideanDistance, List<Member> members) {}

  /** Transfers labels from {@code neighbours} (any order). */
  public TransferredAnnotations transfer(List<Neighbour> neighbours) {
    List<Neighbour> nearestFirst =
        neighbours.stream()
            .sorted(Comparator.comparingDouble(Neighbour::euclideanDistance))
            .toList();
    List<TransferredLabel> go = new ArrayList<>();
    for (String aspect : List.of("P", "F", "C")) {
      go.addAll(
          kind(
              nearestFirst,
              c ->
                  c.goTerms().stream()
                      .filter(t -> aspect.equals(t.aspect()))
                      .map(GoTerm::id)
                      .toList(),
              aspect));
    }
    return new TransferredAnnotations(
        sorted(go),
        kind(nearestFirst, CuratedAnnotations::ecNumbers, null),
        kind(nearestFirst, CuratedAnnotations::keywords, null),
        kind(nearestFirst, CuratedAnnotations::subcellularLocations, null));
  }

  private List<TransferredLabel> kind(
      List<Neighbour> nearestFirst,
      Function<CuratedAnnotations, List<String>> labelsOf,
      String aspect) {
    Map<String, TransferredLabel> byLabel = new LinkedHashMap<>();
    int sources = 0;
    for (Neighbour neighbour : nearestFirst) {
      if (sources == sourcesPerKind) {
        break;
      }
      boolean isSource = false;
      List<Member> members =
          neighbour.members().stream().sorted(Comparator.comparing(Member::accession)).toList();
      for (Member member : members) {
        if (!member.annotationSource()) {
          continue;
        }
        List<String> labels = labelsOf.apply(member.curated());
        isSource |= !labels.isEmpty();
        double d = neighbour.euclideanDistance();
        for (String label : labels) {
          byLabel.putIfAbsent(
              label,
              new TransferredLabel(label, aspect, reliabilityIndex(d), d, member.accession()));
        }
      }
      if (isSource) {
        sources++;
      }
    }
    return sorted(new ArrayList<>(byLabel.values()));
  }

  private static List<TransferredLabel> sorted(List<TransferredLabel> labels) {
    return labels.stream()
        .sorted(
            Comparator.comparingDouble(TransferredLabel::reliabilityIndex)
                .reversed()
                .thenComparing(TransferredLabel::label))
        .toList();
  }
}
