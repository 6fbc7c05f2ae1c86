package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.sequence.AccessionSyntax;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads UniProt's lists of deleted accessions ({@code delac_sp.txt}, {@code delac_tr.txt}): a text
 * header and footer around one accession per line. A line counts as an accession only when it is
 * exactly one well-formed accession, so prose in the header never does. The lists are cumulative
 * over all releases; the release diff ignores accessions it no longer tracks, which makes replaying
 * a list harmless.
 */
public final class DeletedAccessionsReader {

  private static final Pattern RELEASE = Pattern.compile("^Release:\\s+(\\S+)");

  /**
   * What a list declared about itself.
   *
   * @param release the release named in the header, or {@code null} when the header names none
   * @param accessions how many accessions were delivered
   */
  public record Listing(String release, long accessions) {}

  private DeletedAccessionsReader() {}

  public static Listing read(Path file, Consumer<String> accessions) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, accessions);
    }
  }

  /** Streams each deleted accession to {@code accessions}; the caller closes {@code in}. */
  public static Listing read(InputStream in, Consumer<String> accessions) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    InputStream content = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    LineSource lines = new LineSource(content, 4096);
    String release = null;
    long count = 0;
    while (lines.next()) {
      String line = lines.text().trim();
      if (release == null) {
        Matcher header = RELEASE.matcher(line);
        if (header.find()) {
          release = header.group(1);
          continue;
        }
      }
      if (AccessionSyntax.isValid(line)) {
        accessions.accept(line);
        count++;
      }
    }
    if (lines.fault() != null) {
      throw lines.fault();
    }
    return new Listing(release, count);
  }
}
