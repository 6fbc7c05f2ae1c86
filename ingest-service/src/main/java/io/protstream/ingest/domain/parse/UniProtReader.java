package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.RejectReason;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a UniProtKB release file in any of its three formats, gzip-compressed or not, and streams
 * each record to a {@link ParseListener} as an entry or a reject. Memory stays bounded by the
 * largest record: nothing is collected across records.
 *
 * <p>Exceptions are kept for inputs that cannot be read at all (missing file, I/O failure).
 * Everything wrong with the content, including truncated or corrupt compression, becomes a reject
 * and is reflected in {@link ParseSummary#complete()}.
 */
public final class UniProtReader {

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final ParserOptions options;

  public UniProtReader() {
    this(ParserOptions.defaults());
  }

  public UniProtReader(ParserOptions options) {
    this.options = options;
  }

  public ParseSummary read(Path file, ParseListener listener) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.getFileName().toString(), listener);
    }
  }

  /** Reads {@code raw} to its end; the caller closes it. */
  public ParseSummary read(InputStream raw, String sourceName, ParseListener listener)
      throws IOException {
    ParseContext context = new ParseContext(sourceName, options, listener);
    BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
    boolean gzip = isGzip(buffered);
    FaultRecordingInputStream faults;
    try {
      faults =
          new FaultRecordingInputStream(gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered);
    } catch (EOFException | ZipException e) {
      // the gzip header itself is cut or damaged
      context.reportFault(e, context.at(1, 0), false);
      return summary(context, UniProtFormat.UNKNOWN, gzip, 0);
    }
    BufferedInputStream content = new BufferedInputStream(faults, 1 << 16);
    UniProtFormat format = FormatSniffer.sniff(content);
    if (format == UniProtFormat.UNKNOWN && faults.fault() != null) {
      context.reportFault(faults.fault(), context.at(1, 0), false);
      return summary(context, format, gzip, 0);
    }
    if (format == UniProtFormat.UNKNOWN) {
      context.reject(
          context.at(1, 0),
          null,
          RejectReason.UNRECOGNIZED_FORMAT,
          "content is not UniProtKB FASTA, XML or flat file");
      context.markIncomplete();
      return summary(context, format, gzip, 0);
    }
    int lineLimit =
        format == UniProtFormat.XML
            ? Math.max(options.maxLineLength(), options.maxXmlEntryBytes())
            : options.maxLineLength();
    LineSource lines = new LineSource(content, lineLimit, faults);
    switch (format) {
      case FASTA -> new FastaParser(context).parse(lines);
      case FLAT_FILE -> new FlatFileParser(context).parse(lines);
      case XML -> new XmlParser(context).parse(lines);
      default -> throw new IllegalStateException("unhandled format " + format);
    }
    return summary(context, format, gzip, lines.consumed());
  }

  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
  }

  private static ParseSummary summary(
      ParseContext context, UniProtFormat format, boolean gzip, long bytes) {
    return new ParseSummary(
        context.source,
        format,
        gzip,
        context.entries(),
        context.rejects(),
        bytes,
        !context.isIncomplete());
  }
}
