package io.protstream.ingest.domain.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.protstream.ingest.domain.CuratedAnnotations;
import io.protstream.ingest.domain.CuratedAnnotations.GoTerm;
import io.protstream.ingest.domain.Samples;
import io.protstream.ingest.domain.UniProtEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Curated annotations read from real entries. Every expected value is copied by hand from the
 * entry's text in the file named.
 */
class CuratedAnnotationsParseTest {

  private static final Path LOCAL_SAMPLE =
      Path.of("../deploy/local/sample/uniprot_sample_2025_01.dat");

  /** Q13639.txt lines 91-92, 177-181, 191-194 (and the same content in Q13639.xml). */
  private static final CuratedAnnotations Q13639 =
      new CuratedAnnotations(
          List.of(
              new GoTerm("GO:0005768", "C", "IEA"),
              new GoTerm("GO:0005887", "C", "TAS"),
              new GoTerm("GO:0005624", "C", "IDA"),
              new GoTerm("GO:0004993", "F", "IDA"),
              new GoTerm("GO:0007187", "P", "TAS")),
          List.of(),
          List.of(
              "Alternative splicing",
              "Cell membrane",
              "Complete proteome",
              "Disulfide bond",
              "Endosome",
              "G-protein coupled receptor",
              "Glycoprotein",
              "Lipoprotein",
              "Membrane",
              "Palmitate",
              "Polymorphism",
              "Receptor",
              "Transducer",
              "Transmembrane"),
          List.of("Cell membrane", "Endosome"));

  /** F2CXE6.txt lines 47-48 and 60-62: keywords carry evidence tags, which are dropped. */
  private static final CuratedAnnotations F2CXE6 =
      new CuratedAnnotations(
          List.of(new GoTerm("GO:0016021", "C", "IEA"), new GoTerm("GO:0005215", "F", "IEA")),
          List.of(),
          List.of("Membrane", "Transmembrane", "Transport"),
          List.of());

  @ParameterizedTest
  @ValueSource(strings = {"uniprot/Q13639.txt", "uniprot/Q13639.xml"})
  void aSwissProtEntryInBothFormats(String resource) {
    assertEquals(Q13639, only(resource).curated());
  }

  @ParameterizedTest
  @ValueSource(strings = {"uniprot/F2CXE6.txt", "uniprot/F2CXE6.xml"})
  void aTremblEntryInBothFormats(String resource) {
    assertEquals(F2CXE6, only(resource).curated());
  }

  @ParameterizedTest
  @ValueSource(strings = {"uniprot/H2CNN8.txt", "uniprot/H2CNN8.xml"})
  void anotherTremblEntry(String resource) {
    CuratedAnnotations curated = only(resource).curated();
    assertEquals(List.of(new GoTerm("GO:0004497", "F", "IEA")), curated.goTerms());
    assertEquals(List.of("Monooxygenase", "Oxidoreductase"), curated.keywords());
  }

  /** multi_ex.txt lines 11, 323, 501-508 and 546-551 (tissue plasminogen activator). */
  @ParameterizedTest
  @ValueSource(strings = {"uniprot/multi_ex.txt", "uniprot/multi_ex.xml"})
  void tissuePlasminogenActivator(String resource) {
    CuratedAnnotations tpa = byAccession(Samples.entries(resource)).get("P00750").curated();
    assertEquals(List.of("3.4.21.68"), tpa.ecNumbers());
    assertEquals(List.of("Secreted, extracellular space"), tpa.subcellularLocations());
    assertEquals(
        List.of(
            "GO:0009986",
            "GO:0005615",
            "GO:0005515",
            "GO:0004252",
            "GO:0007596",
            "GO:0045861",
            "GO:0006464",
            "GO:0006508"),
        tpa.goTerms().stream().map(GoTerm::id).toList());
    assertEquals(new GoTerm("GO:0005515", "F", "IPI"), tpa.goTerms().get(2));
    assertEquals(new GoTerm("GO:0007596", "P", "TAS"), tpa.goTerms().get(4));
    assertEquals(19, tpa.keywords().size());
    assertEquals("3D-structure", tpa.keywords().get(0));
    assertEquals("Cleavage on pair of basic residues", tpa.keywords().get(2));
    assertEquals("Zymogen", tpa.keywords().get(18));
  }

  /** The sample release of the local run: NIRQ_PSEAE (lines 816, 838-850), CHDH_HUMAN (871-978). */
  @Test
  void theLocalSampleRelease() throws IOException {
    Map<String, UniProtEntry> entries;
    try (InputStream in = Files.newInputStream(LOCAL_SAMPLE)) {
      Samples.Outcome outcome = Samples.read(in, "sample.dat", ParserOptions.defaults());
      assertEquals(List.of(), outcome.rejects());
      entries = byAccession(outcome.entries());
    }
    assertEquals(11, entries.size());
    CuratedAnnotations nirq = entries.get("Q51481").curated();
    assertEquals(List.of("Cytoplasm"), nirq.subcellularLocations(), "status (Potential) dropped");
    assertEquals(
        List.of(
            new GoTerm("GO:0005737", "C", "IEA"),
            new GoTerm("GO:0005524", "F", "IEA"),
            new GoTerm("GO:0016887", "F", "IEA"),
            new GoTerm("GO:0003677", "F", "IEA"),
            new GoTerm("GO:0045449", "P", "IEA"),
            new GoTerm("GO:0006350", "P", "IEA")),
        nirq.goTerms());
    assertEquals(
        List.of(
            "Activator",
            "ATP-binding",
            "Complete proteome",
            "Cytoplasm",
            "DNA-binding",
            "Nucleotide-binding",
            "Transcription",
            "Transcription regulation"),
        nirq.keywords());
    assertEquals(List.of(), nirq.ecNumbers());

    CuratedAnnotations chdh = entries.get("Q8NE62").curated();
    assertEquals(List.of("1.1.99.1"), chdh.ecNumbers());
    assertEquals(List.of("Mitochondrion"), chdh.subcellularLocations());
    assertEquals(new GoTerm("GO:0008812", "F", "IEA"), chdh.goTerms().get(0));
    assertEquals(
        List.of(
            "Acetylation",
            "Complete proteome",
            "FAD",
            "Flavoprotein",
            "Mitochondrion",
            "Oxidoreductase",
            "Polymorphism",
            "Transit peptide"),
        chdh.keywords());
  }

  @Test
  void flatFileAndXmlAgreeOnEveryEntry() {
    List<UniProtEntry> flat = Samples.entries("uniprot/multi_ex.txt");
    Map<String, UniProtEntry> xml = byAccession(Samples.entries("uniprot/multi_ex.xml"));
    for (UniProtEntry entry : flat) {
      CuratedAnnotations fromXml = xml.get(entry.accession()).curated();
      assertNotNull(entry.curated(), entry.accession());
      assertEquals(sorted(entry.curated()), sorted(fromXml), entry.accession());
      assertEquals(entry.curated().digest(), fromXml.digest(), entry.accession());
    }
  }

  @Test
  void fastaCarriesNoAnnotations() {
    for (UniProtEntry entry : Samples.entries("uniprot/multi_ex.fasta")) {
      assertNull(entry.curated(), entry.accession());
    }
  }

  /** Current UniProt XML writes ECO identifiers; they map to the GO code the flat file writes. */
  @Test
  void ecoEvidenceInXmlBecomesTheGoEvidenceCode() throws IOException {
    String xml =
        new String(Samples.bytes("uniprot/Q13639.xml"), StandardCharsets.UTF_8)
            .replace("IDA:MGI", "ECO:0000314")
            .replace("TAS:ProtInc", "ECO:0000999");
    UniProtEntry entry = read(xml).get(0);
    assertEquals(new GoTerm("GO:0005624", "C", "IDA"), entry.curated().goTerms().get(2));
    assertEquals(new GoTerm("GO:0005887", "C", "ECO:0000999"), entry.curated().goTerms().get(1));
  }

  /** A hostile entry with thousands of GO lines keeps the first 1,000. */
  @Test
  void goTermsPerEntryAreBounded() throws IOException {
    String flat = new String(Samples.bytes("uniprot/Q13639.txt"), StandardCharsets.UTF_8);
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      extra.append(String.format("DR   GO; GO:%07d; F:made up; IEA:None.%n", 1_000_000 + i));
    }
    String hostile = flat.replace("DR   GO; GO:0005768;", extra + "DR   GO; GO:0005768;");
    UniProtEntry entry = read(hostile).get(0);
    assertEquals(CuratedAnnotations.MAX_GO_TERMS, entry.curated().goTerms().size());
    assertEquals("GO:1000000", entry.curated().goTerms().get(0).id());
  }

  /** The XML lists keywords in another order than the flat file. */
  private static CuratedAnnotations sorted(CuratedAnnotations c) {
    return new CuratedAnnotations(
        c.goTerms().stream().sorted(java.util.Comparator.comparing(GoTerm::id)).toList(),
        c.ecNumbers().stream().sorted().toList(),
        c.keywords().stream().sorted().toList(),
        c.subcellularLocations().stream().sorted().toList());
  }

  private static UniProtEntry only(String resource) {
    List<UniProtEntry> entries = Samples.entries(resource);
    assertEquals(1, entries.size());
    return entries.get(0);
  }

  private static List<UniProtEntry> read(String text) throws IOException {
    Samples.Outcome outcome =
        Samples.read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            "crafted",
            ParserOptions.defaults());
    assertEquals(List.of(), outcome.rejects());
    return outcome.entries();
  }

  private static Map<String, UniProtEntry> byAccession(List<UniProtEntry> entries) {
    return entries.stream().collect(Collectors.toMap(UniProtEntry::accession, Function.identity()));
  }
}
