package io.protstream.ingest.domain.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.ingest.domain.Reject;
import io.protstream.ingest.domain.RejectReason;
import io.protstream.ingest.domain.Samples;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.sequence.Crc64;
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
    for (Reject reject : outcome.rejects()) {
      assertEquals("malformed/" + file, reject.file());
      assertFalse(reject.message().isBlank());
      assertTrue(reject.line() >= 1 || reject.offset() >= 0, () -> "no location: " + reject);
    }
    for (UniProtEntry entry : outcome.entries()) {
      assertEquals(entry.crc64(), Crc64.hexOf(entry.sequence()));
    }
    assertEquals(outcome.entries().size(), outcome.summary().entries());
    assertEquals(outcome.rejects().size(), outcome.summary().rejects());
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
