package io.protstream.ingest.domain.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.ingest.domain.Samples;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.sequence.Crc64;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real UniProtKB entries, read from each format they are distributed in. */
class RealSamplesTest {

  private static final List<String> MULTI_EX_ACCESSIONS =
      Arrays.stream(
              new String(Samples.bytes("uniprot/multi_ex.list"), StandardCharsets.US_ASCII)
                  .split("\\s+"))
          .filter(line -> !line.isBlank())
          .toList();

  @Test
  void theEightEntriesAgreeAcrossFastaXmlAndFlatFile() {
    List<UniProtEntry> fasta = Samples.entries("uniprot/multi_ex.fasta");
    List<UniProtEntry> xml = Samples.entries("uniprot/multi_ex.xml");
    List<UniProtEntry> flat = Samples.entries("uniprot/multi_ex.txt");

    assertEquals(8, MULTI_EX_ACCESSIONS.size());
    assertEquals(MULTI_EX_ACCESSIONS, fasta.stream().map(UniProtEntry::accession).toList());
    assertEquals(MULTI_EX_ACCESSIONS, xml.stream().map(UniProtEntry::accession).toList());
    assertEquals(MULTI_EX_ACCESSIONS, flat.stream().map(UniProtEntry::accession).toList());
    for (int i = 0; i < 8; i++) {
      UniProtEntry f = fasta.get(i);
      UniProtEntry x = xml.get(i);
      UniProtEntry t = flat.get(i);
      String who = MULTI_EX_ACCESSIONS.get(i);
      assertEquals(t.sequence(), x.sequence(), who);
      assertEquals(t.sequence(), f.sequence(), who);
      assertEquals(t.crc64(), x.crc64(), who);
      assertEquals(t.crc64(), f.crc64(), who);
      assertEquals(t.declaredCrc64(), x.declaredCrc64(), who);
      assertEquals(t.sequenceVersion(), x.sequenceVersion(), who);
      assertEquals(t.sequenceVersion(), f.sequenceVersion(), who);
      assertEquals(t.entryVersion(), x.entryVersion(), who);
      assertEquals(0, f.entryVersion(), who + ": FASTA carries no entry version");
      assertEquals(t.secondaryAccessions(), x.secondaryAccessions(), who);
      assertEquals(t.entryName(), x.entryName(), who);
      assertEquals(t.entryName(), f.entryName(), who);
      assertTrue(t.reviewed() && x.reviewed() && f.reviewed(), who);
      assertEquals(t.taxId(), x.taxId(), who);
      assertEquals(t.organismName(), x.organismName(), who);
      assertEquals(t.organismName(), f.organismName(), who);
      assertEquals(t.proteinName(), x.proteinName(), who);
      assertEquals(t.geneName(), x.geneName(), who);
      assertEquals(t.geneName(), f.geneName(), who);
      assertEquals(t.created(), x.created(), who);
      assertEquals(t.modified(), x.modified(), who);
    }
  }

  @Test
  void readsTheFieldsOfAKnownEntry() {
    UniProtEntry tpa = Samples.entries("uniprot/multi_ex.txt").get(0);
    assertEquals("P00750", tpa.accession());
    assertEquals("TPA_HUMAN", tpa.entryName());
    assertEquals(9, tpa.secondaryAccessions().size());
    assertEquals("A8K022", tpa.secondaryAccessions().get(0));
    assertEquals(562, tpa.length());
    assertEquals(562, tpa.declaredLength());
    assertEquals("B7EC9B1A5E3FDC4D", tpa.crc64());
    assertEquals(1, tpa.sequenceVersion());
    assertEquals(160, tpa.entryVersion());
    assertEquals(9606, tpa.taxId());
    assertEquals("Homo sapiens", tpa.organismName());
    assertEquals("Tissue-type plasminogen activator", tpa.proteinName());
    assertEquals("PLAT", tpa.geneName());
    assertEquals(LocalDate.of(1986, 7, 21), tpa.created());
    assertEquals(LocalDate.of(2010, 10, 5), tpa.modified());
    assertEquals("uniprot/multi_ex.txt", tpa.source().file());
    assertEquals(1, tpa.source().line());
    assertEquals(0, tpa.source().offset());
  }

  @Test
  void fastaHasNoDeclaredLengthOrChecksum() {
    UniProtEntry tpa = Samples.entries("uniprot/multi_ex.fasta").get(0);
    assertEquals(0, tpa.declaredLength());
    assertNull(tpa.declaredCrc64());
    assertEquals("B7EC9B1A5E3FDC4D", tpa.crc64());
    assertEquals("Tissue-type plasminogen activator", tpa.proteinName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"F2CXE6", "H2CNN8", "Q13639"})
  void singleEntriesAgreeBetweenXmlAndFlatFile(String accession) {
    UniProtEntry flat = Samples.entries("uniprot/" + accession + ".txt").get(0);
    UniProtEntry xml = Samples.entries("uniprot/" + accession + ".xml").get(0);
    assertEquals(accession, flat.accession());
    assertEquals(flat.accession(), xml.accession());
    assertEquals(flat.secondaryAccessions(), xml.secondaryAccessions());
    assertEquals(flat.sequence(), xml.sequence());
    assertEquals(flat.declaredCrc64(), xml.declaredCrc64());
    assertEquals(flat.sequenceVersion(), xml.sequenceVersion());
    assertEquals(flat.entryVersion(), xml.entryVersion());
    assertEquals(flat.reviewed(), xml.reviewed());
    assertEquals(flat.taxId(), xml.taxId());
    assertEquals(flat.organismName(), xml.organismName());
    assertEquals(flat.proteinName(), xml.proteinName());
    assertEquals(flat.geneName(), xml.geneName());
  }

  @Test
  void unreviewedEntriesAreMarkedAsTrEmbl() {
    UniProtEntry barley = Samples.entries("uniprot/F2CXE6.txt").get(0);
    assertFalse(barley.reviewed());
    assertEquals(112509, barley.taxId());
    assertEquals("HvPIP2;8", barley.geneName());
    assertEquals("Plasma membrane intrinsic protein", barley.proteinName());
    assertEquals("Hordeum vulgare var. distichum", barley.organismName());
    assertEquals(17, barley.entryVersion());
  }

  @Test
  void sequenceVersionTwoIsRead() {
    UniProtEntry receptor = Samples.entries("uniprot/Q13639.xml").get(0);
    assertEquals(2, receptor.sequenceVersion());
    assertEquals(95, receptor.entryVersion());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "multi_ex.txt",
        "multi_ex.xml",
        "F2CXE6.txt",
        "F2CXE6.xml",
        "H2CNN8.txt",
        "H2CNN8.xml",
        "Q13639.txt",
        "Q13639.xml"
      })
  void computedChecksumEqualsDeclaredOnEverySample(String file) {
    Samples.Outcome outcome = Samples.read("uniprot/" + file);
    assertTrue(outcome.rejects().isEmpty(), () -> outcome.rejects().toString());
    assertTrue(outcome.summary().complete());
    assertFalse(outcome.entries().isEmpty());
    for (UniProtEntry entry : outcome.entries()) {
      assertEquals(entry.declaredCrc64(), Crc64.hexOf(entry.sequence()), entry.accession());
      assertEquals(entry.declaredLength(), entry.length(), entry.accession());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"multi_ex.fasta", "multi_ex.txt", "multi_ex.xml"})
  void gzipIsRecognisedByContentNotByName(String file) throws IOException {
    byte[] plain = Samples.bytes("uniprot/" + file);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(plain);
    }
    Samples.Outcome outcome =
        Samples.read(
            new ByteArrayInputStream(compressed.toByteArray()),
            "release",
            ParserOptions.defaults());
    assertTrue(outcome.summary().gzip());
    assertTrue(outcome.summary().complete());
    assertEquals(plain.length, outcome.summary().bytes());
    List<UniProtEntry> expected = Samples.entries("uniprot/" + file);
    assertEquals(expected.size(), outcome.entries().size());
    for (int i = 0; i < expected.size(); i++) {
      UniProtEntry original = expected.get(i);
      UniProtEntry unzipped = outcome.entries().get(i);
      assertEquals(original.accession(), unzipped.accession());
      assertEquals(original.sequence(), unzipped.sequence());
      assertEquals(original.entryVersion(), unzipped.entryVersion());
      assertEquals(original.source().line(), unzipped.source().line());
    }
  }

  @Test
  void concatenatedGzipMembersAreReadAsOneStream() throws IOException {
    byte[] plain = Samples.bytes("uniprot/multi_ex.fasta");
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    for (int member = 0; member < 2; member++) {
      GZIPOutputStream gzip = new GZIPOutputStream(compressed);
      gzip.write(plain);
      gzip.finish();
    }
    Samples.Outcome outcome =
        Samples.read(
            new ByteArrayInputStream(compressed.toByteArray()),
            "twice.gz",
            ParserOptions.defaults());
    assertEquals(16, outcome.entries().size());
    assertTrue(outcome.summary().complete());
  }

  @Test
  void xmlSourceLocationsPointAtTheEntryLine() {
    List<UniProtEntry> xml = Samples.entries("uniprot/multi_ex.xml");
    assertEquals(3, xml.get(0).source().line());
    assertEquals(1953, xml.get(1).source().line());
  }
}
