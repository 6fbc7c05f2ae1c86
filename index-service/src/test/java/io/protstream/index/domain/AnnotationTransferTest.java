package io.protstream.index.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.protstream.index.domain.TransferredAnnotations.TransferredLabel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transfer on a small labelled set, against labels and reliability indices worked out by hand: RI =
 * 0.5 / (0.5 + d) gives 0.5 at d = 0.5, 1/3 at d = 1.0 and 0.25 at d = 1.5.
 */
class AnnotationTransferTest {

  private static final Member R1 =
      reviewed(
          "P11111",
          new CuratedAnnotations(
              List.of(new GoTerm("GO:0005737", "C", "IDA"), new GoTerm("GO:0003824", "F", "IEA")),
              List.of("3.1.1.4"),
              List.of("Hydrolase"),
              List.of()));
  private static final Member R2 =
      reviewed(
          "P22222",
          new CuratedAnnotations(
              List.of(new GoTerm("GO:0005634", "C", "IDA"), new GoTerm("GO:0006915", "P", "TAS")),
              List.of(),
              List.of("Nucleus"),
              List.of("Nucleus")));
  private static final Member R3 =
      reviewed(
          "P33333",
          new CuratedAnnotations(List.of(), List.of("1.1.1.1"), List.of(), List.of("Cytoplasm")));
  private static final Member UNREVIEWED =
      new Member(
          "A0A000AAA1",
          false,
          9606L,
          "n",
          "o",
          new CuratedAnnotations(List.of(), List.of("9.9.9.9"), List.of("Ignored"), List.of()));

  private static final List<AnnotationTransfer.Neighbour> NEIGHBOURS =
      List.of(
          new AnnotationTransfer.Neighbour(1.5, List.of(R3)),
          new AnnotationTransfer.Neighbour(0.1, List.of(UNREVIEWED)),
          new AnnotationTransfer.Neighbour(1.0, List.of(R2)),
          new AnnotationTransfer.Neighbour(0.5, List.of(R1)));

  @Test
  void nearestSourcePerKindAsGoPredSimDoes() {
    TransferredAnnotations t = new AnnotationTransfer(1).transfer(NEIGHBOURS);

    assertEquals(
        List.of(
            new TransferredLabel("GO:0003824", "F", 0.5, 0.5, "P11111"),
            new TransferredLabel("GO:0005737", "C", 0.5, 0.5, "P11111"),
            new TransferredLabel("GO:0006915", "P", 1.0 / 3.0, 1.0, "P22222")),
        t.goTerms());
    assertEquals(List.of(new TransferredLabel("3.1.1.4", null, 0.5, 0.5, "P11111")), t.ecNumbers());
    assertEquals(
        List.of(new TransferredLabel("Hydrolase", null, 0.5, 0.5, "P11111")), t.keywords());
    assertEquals(
        List.of(new TransferredLabel("Nucleus", null, 1.0 / 3.0, 1.0, "P22222")),
        t.subcellularLocations());
  }

  @Test
  void moreSourcesAddFartherLabelsWithLowerReliability() {
    TransferredAnnotations t = new AnnotationTransfer(2).transfer(NEIGHBOURS);

    assertEquals(
        List.of(
            new TransferredLabel("Hydrolase", null, 0.5, 0.5, "P11111"),
            new TransferredLabel("Nucleus", null, 1.0 / 3.0, 1.0, "P22222")),
        t.keywords());
    assertEquals(
        List.of(
            new TransferredLabel("Nucleus", null, 1.0 / 3.0, 1.0, "P22222"),
            new TransferredLabel("Cytoplasm", null, 0.25, 1.5, "P33333")),
        t.subcellularLocations());
    assertEquals(
        List.of(
            new TransferredLabel("3.1.1.4", null, 0.5, 0.5, "P11111"),
            new TransferredLabel("1.1.1.1", null, 0.25, 1.5, "P33333")),
        t.ecNumbers());
    assertEquals(
        List.of("GO:0003824", "GO:0005737", "GO:0005634", "GO:0006915"),
        t.goTerms().stream().map(TransferredLabel::label).toList());
  }

  @Test
  void nothingToTransferWithoutReviewedAnnotatedNeighbours() {
    TransferredAnnotations t =
        new AnnotationTransfer(1)
            .transfer(List.of(new AnnotationTransfer.Neighbour(0.1, List.of(UNREVIEWED))));
    assertEquals(List.of(), t.goTerms());
    assertEquals(List.of(), t.ecNumbers());
    assertEquals(List.of(), t.keywords());
    assertEquals(List.of(), t.subcellularLocations());
  }

  private static Member reviewed(String accession, CuratedAnnotations curated) {
    return new Member(accession, true, 9606L, "name", "Homo sapiens", curated);
  }
}
