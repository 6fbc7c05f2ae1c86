package io.protstream.ingest.cli;

import io.protstream.ingest.domain.Reject;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.parse.ParseListener;
import io.protstream.ingest.domain.parse.ParseSummary;
import io.protstream.ingest.domain.parse.UniProtReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar uniprot-check.jar FILE}: reads a UniProtKB release file (FASTA, XML or flat
 * file, plain or gzip) and prints one JSON object per line: one per accepted entry, one {@code
 * {"reject":...}} per rejected record, then a {@code {"summary":...}} line.
 *
 * <p>Exit status: 0 when the file was read to its end, with or without rejects (a truncated or
 * unrecognised file is read to its end too: look at {@code complete} in the summary); 2 when the
 * arguments are wrong; 1 when the file cannot be read.
 */
public final class UniProtCheck {

  static final int READ_TO_END = 0;
  static final int UNREADABLE = 1;
  static final int USAGE = 2;

  private UniProtCheck() {}

  public static void main(String[] args) {
    int status =
        run(
            args,
            new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16),
            System.err);
    System.exit(status);
  }

  /** Runs the check, writing JSON lines to {@code out} and complaints to {@code err}. */
  static int run(String[] args, Writer out, PrintStream err) {
    if (args.length != 1) {
      err.println("usage: java -jar uniprot-check.jar FILE");
      return USAGE;
    }
    Path file = Path.of(args[0]);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      err.println("uniprot-check: cannot read " + file + ": not a readable file");
      return UNREADABLE;
    }
    JsonWriter json = new JsonWriter(out);
    try {
      ParseSummary summary = new UniProtReader().read(file, new JsonLines(json));
      json.begin()
          .field("summary", summary.source())
          .field("format", summary.format().name())
          .field("gzip", summary.gzip())
          .field("entries", summary.entries())
          .field("rejects", summary.rejects())
          .field("bytes", summary.bytes())
          .field("complete", summary.complete())
          .end();
      out.flush();
      return READ_TO_END;
    } catch (IOException | UncheckedIOException e) {
      flushQuietly(out);
      err.println("uniprot-check: cannot read " + file + ": " + e.getMessage());
      return UNREADABLE;
    }
  }

  private static void flushQuietly(Writer out) {
    try {
      out.flush();
    } catch (IOException ignored) {
      // the error message that follows matters more than lines that could not be written
    }
  }

  /** Prints entries and rejects as they arrive, so output starts before the file is finished. */
  private record JsonLines(JsonWriter json) implements ParseListener {

    @Override
    public void onEntry(UniProtEntry entry) {
      try {
        json.begin()
            .field("accession", entry.accession())
            .field("secondary", entry.secondaryAccessions())
            .field("sequence", entry.sequence())
            .field("length", entry.length())
            .field("crc64", entry.crc64())
            .fieldOrNull("sequence_version", entry.sequenceVersion())
            .fieldOrNull("entry_version", entry.entryVersion())
            .field("reviewed", entry.reviewed())
            .fieldOrNull("taxid", entry.taxId())
            .end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void onReject(Reject reject) {
      try {
        json.begin()
            .field("reject", reject.accession())
            .field("reason", reject.reason().name())
            .field("message", reject.message())
            .field("file", reject.file())
            .fieldOrNullIfNegative("line", reject.line())
            .fieldOrNullIfNegative("offset", reject.offset())
            .end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
