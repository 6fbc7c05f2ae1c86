package io.protstream.ingest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.ingest.domain.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UniProtCheckTest {

  private static final Pattern DECLARED_CRC =
      Pattern.compile("(?:([0-9A-F]{16}) CRC64;|checksum=\"([0-9A-F]{16})\")");
  private static final Pattern PRINTED_CRC = Pattern.compile("\"crc64\":\"([0-9A-F]{16})\"");

  private record Run(int status, List<String> lines, String err) {}

  private static Run check(String... args) {
    StringWriter out = new StringWriter();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = UniProtCheck.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> lines = out.toString().lines().toList();
    return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsOneObjectPerEntryThenASummary() {
    Run run = check(Samples.path("uniprot/multi_ex.txt").toString());

    assertEquals(0, run.status());
    assertEquals(9, run.lines().size());
    assertTrue(
        run.lines()
            .get(0)
            .startsWith(
                "{\"accession\":\"P00750\",\"secondary\":[\"A8K022\",\"B2R8E8\",\"Q15103\","),
        run.lines().get(0));
    assertTrue(
        run.lines()
            .get(0)
            .endsWith(
                "\"length\":562,\"crc64\":\"B7EC9B1A5E3FDC4D\",\"sequence_version\":1,"
                    + "\"entry_version\":160,\"reviewed\":true,\"taxid\":9606}"),
        run.lines().get(0));
    assertEquals(
        "{\"summary\":\"multi_ex.txt\",\"format\":\"FLAT_FILE\",\"gzip\":false,\"entries\":8,"
            + "\"rejects\":0,\"bytes\":68742,\"complete\":true}",
        run.lines().get(8));
  }

  @Test
  void fastaEntriesHaveNoEntryVersion() {
    Run run = check(Samples.path("uniprot/multi_ex.fasta").toString());
    assertEquals(0, run.status());
    assertTrue(run.lines().get(1).contains("\"sequence_version\":1,\"entry_version\":null"));
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
  void printedChecksumsAreTheFilesOwn(String file) {
    String content = new String(Samples.bytes("uniprot/" + file), StandardCharsets.US_ASCII);
    List<String> declared =
        DECLARED_CRC
            .matcher(content)
            .results()
            .map(m -> m.group(1) != null ? m.group(1) : m.group(2))
            .toList();
    Run run = check(Samples.path("uniprot/" + file).toString());
    List<String> printed =
        run.lines().stream()
            .map(PRINTED_CRC::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .toList();
    assertEquals(0, run.status());
    assertEquals(declared, printed);
  }

  @Test
  void rejectsArePrintedAndTheExitStatusStaysZero() {
    Run run = check(Samples.path("malformed/flat-wrong-crc64.dat").toString());
    assertEquals(0, run.status());
    assertEquals(4, run.lines().size());
    assertTrue(
        run.lines().get(1).startsWith("{\"reject\":\"Q51858\",\"reason\":\"CRC64_MISMATCH\","),
        run.lines().get(1));
    assertTrue(run.lines().get(3).contains("\"entries\":2,\"rejects\":1"));
  }

  @Test
  void aTruncatedFileIsReadToItsEndAndMarkedIncomplete() {
    Run run = check(Samples.path("malformed/xml-truncated.xml").toString());
    assertEquals(0, run.status());
    assertTrue(run.lines().get(run.lines().size() - 1).endsWith("\"complete\":false}"));
  }

  @Test
  void aMissingFileIsAnError(@TempDir Path dir) {
    Run run = check(dir.resolve("absent.dat").toString());
    assertEquals(UniProtCheck.UNREADABLE, run.status());
    assertTrue(run.err().contains("cannot read"), run.err());
    assertTrue(run.lines().isEmpty());
  }

  @Test
  void aDirectoryIsAnError(@TempDir Path dir) {
    assertEquals(UniProtCheck.UNREADABLE, check(dir.toString()).status());
  }

  @Test
  void wrongArgumentsPrintUsage() {
    Run run = check();
    assertEquals(UniProtCheck.USAGE, run.status());
    assertTrue(run.err().startsWith("usage:"));
  }

  @Test
  void jsonStringsAreEscaped() {
    assertEquals("a\\\"b\\\\c\\n\\u0001\\t", JsonWriter.escape("a\"b\\c\n\u0001\t"));
    assertEquals("plain", JsonWriter.escape("plain"));
  }
}
