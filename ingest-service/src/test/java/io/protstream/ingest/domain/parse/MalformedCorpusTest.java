package io.protstream.ingest.domain.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.ingest.domain.Reject;
import io.protstream.ingest.domain.RejectReason;
import io.protstream.ingest.domain.Samples;
import io.protstream.ingest.domain.UniProtEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the malformed corpus yields the expected reject, no exception, and the good records
 * around the defect intact.
 */
class MalformedCorpusTest {

  /** Accession to CRC64 as UniProt published them in the sample files' SQ lines. */
  private static final java.util.Map<String, String> PUBLISHED_CRC64 = publishedCrc64();

  private static java.util.Map<String, String> publishedCrc64() {
    java.util.Map<String, String> crc = new java.util.HashMap<>();
    java.util.regex.Pattern record =
        java.util.regex.Pattern.compile(
            "(?ms)^AC   ([A-Z0-9]+);.*?^SQ   SEQUENCE .*?; +([0-9A-F]{16}) CRC64;");
    for (String sample : List.of("multi_ex.txt", "F2CXE6.txt", "H2CNN8.txt", "Q13639.txt")) {
      var m =
          record.matcher(new String(Samples.bytes("uniprot/" + sample), StandardCharsets.UTF_8));
      while (m.find()) {
        crc.put(m.group(1), m.group(2));
      }
    }
    return crc;
  }

  /** The file's lines as text (gzip undone as far as it goes). */
  private static List<String> lines(String file) {
    byte[] bytes = Samples.bytes("malformed/" + file);
    if (file.endsWith(".gz")) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
        in.transferTo(out);
      } catch (java.io.IOException damaged) {
        // a truncated or corrupt stream: keep what came out
      }
      bytes = out.toByteArray();
    }
    return new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();
  }

  private record Case(String file, RejectReason reason, int goodEntries, String defect) {}

  private static List<Case> cases() {
    String manifest = new String(Samples.bytes("malformed/cases.tsv"), StandardCharsets.UTF_8);
    return Arrays.stream(manifest.split("\n"))
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t"))
        .map(f -> new Case(f[0], RejectReason.valueOf(f[1]), Integer.parseInt(f[2]), f[3]))
        .toList();
  }

  static Stream<Arguments> corpus() {
    return cases().stream()
        .map(c -> Arguments.of(c.file(), c.reason(), c.goodEntries(), c.defect()));
  }

  @Test
  void theCorpusHasAtLeastThirtyCases() {
    assertTrue(cases().size() >= 30, "cases: " + cases().size());
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("corpus")
  void yieldsTheRejectAndKeepsTheGoodRecords(
      String file, RejectReason reason, int goodEntries, String defect) {
    Samples.Outcome outcome = Samples.read("malformed/" + file);

    assertTrue(
        outcome.rejects().stream().anyMatch(r -> r.reason() == reason),
        () -> "expected " + reason + " but got " + outcome.rejects());
    assertEquals(goodEntries, outcome.entries().size(), () -> "entries of " + file);
    List<String> lines = lines(file);
    for (Reject reject : outcome.rejects()) {
      assertEquals("malformed/" + file, reject.file());
      assertFalse(reject.message().isBlank());
      assertTrue(
          reject.line() >= 1 && reject.line() <= lines.size() + 1, () -> "no location: " + reject);
      if (reject.accession() != null && reject.line() <= lines.size()) {
        // a record's reject points at the line where the record starts
        String first = lines.get((int) reject.line() - 1);
        assertTrue(
            first.startsWith("ID   ") || first.startsWith(">") || first.contains("<entry"),
            () -> "reject at line " + reject.line() + " which is not a record start: " + first);
      }
      if (reject.offset() >= 0 && !file.endsWith(".gz")) {
        byte[] bytes = Samples.bytes("malformed/" + file);
        assertTrue(
            reject.offset() == 0 || bytes[(int) reject.offset() - 1] == '\n',
            () -> "offset " + reject.offset() + " is not the start of a line");
      }
    }
    for (UniProtEntry entry : outcome.entries()) {
      // the CRC64 UniProt published for the entry, read from the original file's text
      assertEquals(
          PUBLISHED_CRC64.get(entry.accession()), entry.crc64(), () -> "CRC64 of " + entry);
    }
    assertEquals(outcome.entries().size(), outcome.summary().entries());
    assertEquals(outcome.rejects().size(), outcome.summary().rejects());
  }

  /**
   * The dead-letter value of a rejected record is its text as read: for the flat file, from its ID
   * line through its // line, cut from the file by line numbers here.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "flat-wrong-crc64.dat",
        "flat-bad-accession.dat",
        "flat-digit-in-sequence.dat",
        "flat-unknown-line-code.dat"
      })
  void aRejectCarriesItsRecordTextAsRead(String file) {
    Reject reject = Samples.read("malformed/" + file).rejects().get(0);
    List<String> lines = lines(file);
    StringBuilder expected = new StringBuilder();
    for (int i = (int) reject.line() - 1; i < lines.size(); i++) {
      expected.append(lines.get(i)).append('\n');
      if (lines.get(i).startsWith("//")) {
        break;
      }
    }
    assertTrue(expected.toString().startsWith("ID   "), expected.toString());
    assertEquals(expected.toString(), new String(reject.record(), StandardCharsets.UTF_8));
    assertEquals(reject.record().length, reject.recordBytes());
  }

  @Test
  void aRejectedXmlEntryCarriesItsElementText() {
    Reject reject = Samples.read("malformed/xml-wrong-checksum.xml").rejects().get(0);
    String text = new String(reject.record(), StandardCharsets.UTF_8);
    assertTrue(text.startsWith("<entry"), text);
    assertTrue(text.endsWith("</entry>"), text);
    assertTrue(text.contains("<accession>" + reject.accession() + "</accession>"), text);
  }

  @Test
  void truncationMakesTheReadIncomplete() {
    assertFalse(Samples.read("malformed/xml-missing-document-end.xml").summary().complete());
    assertFalse(Samples.read("malformed/flat-gz-truncated.dat.gz").summary().complete());
    assertFalse(Samples.read("malformed/flat-truncated-mid-sequence.dat").summary().complete());
    assertTrue(Samples.read("malformed/flat-wrong-crc64.dat").summary().complete());
  }

  @Test
  void rejectsNameTheAccessionWhenItWasRead() {
    Reject reject = Samples.read("malformed/flat-wrong-crc64.dat").rejects().get(0);
    assertEquals("Q51858", reject.accession());
    assertEquals(RejectReason.CRC64_MISMATCH, reject.reason());
    assertTrue(reject.message().contains("EA99FE2DB05B0118"), reject.message());
  }

  @Test
  void oversizeLimitIsConfigurable() {
    Samples.Outcome outcome =
        Samples.read("uniprot/multi_ex.txt", ParserOptions.defaults().withMaxSequenceLength(100));
    assertEquals(3, outcome.entries().size());
    assertEquals(5, outcome.rejects().size());
    assertTrue(outcome.rejects().stream().allMatch(r -> r.reason() == RejectReason.OVERSIZE));
  }
}
