package io.protstream.ingest.bench;

import io.protstream.ingest.domain.Reject;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.diff.ChangeKind;
import io.protstream.ingest.domain.diff.InMemoryKnownDigests;
import io.protstream.ingest.domain.diff.InMemoryReleaseLedger;
import io.protstream.ingest.domain.diff.ReleaseDiff;
import io.protstream.ingest.domain.diff.SequenceChange;
import io.protstream.ingest.domain.parse.ParseListener;
import io.protstream.ingest.domain.parse.ParseSummary;
import io.protstream.ingest.domain.parse.UniProtReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Parse throughput per format on generated release files, and release-diff throughput at Swiss-Prot
 * size against the in-memory ledger.
 *
 * <p>Usage: {@code ParseBenchmark [SAMPLE_DIR [MEGABYTES [--gzip]]]}. SAMPLE_DIR holds the sample
 * entries ({@code *.fasta}, {@code *.txt}, {@code *.xml}; default {@code
 * ingest-service/src/test/resources/uniprot}); each format's file is built by repeating them under
 * fresh accessions until it reaches MEGABYTES (default 512) in a temporary directory, which is
 * deleted afterwards. {@code --gzip} also measures gzip-compressed copies.
 */
public final class ParseBenchmark {

  private static final Pattern FASTA_ACCESSION =
      Pattern.compile("^>(sp|tr)\\|[^|]+\\|", Pattern.MULTILINE);
  private static final Pattern FLAT_ACCESSION = Pattern.compile("^AC   [^;]+;", Pattern.MULTILINE);
  private static final Pattern XML_ACCESSION = Pattern.compile("<accession>[^<]+</accession>");
  private static final int SWISS_PROT_ENTRIES = 570_000;

  private ParseBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--generate")) {
      generateRelease(args);
      return;
    }
    Path samples = Path.of(args.length > 0 ? args[0] : "ingest-service/src/test/resources/uniprot");
    long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 512;
    boolean gzip = args.length > 2 && args[2].equals("--gzip");
    long target = megabytes * 1_000_000L;
    Path dir = Files.createTempDirectory("uniprot-bench");
    try {
      System.out.printf(
          Locale.ROOT,
          "java %s, %d processors, max heap %d MB%n",
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20);
      Path fasta =
          generate(dir.resolve("bench.fasta"), fastaRecords(samples), target, Format.FASTA);
      Path flat = generate(dir.resolve("bench.dat"), flatRecords(samples), target, Format.FLAT);
      Path xml = generate(dir.resolve("bench.xml"), xmlRecords(samples), target, Format.XML);
      for (Path file : List.of(fasta, flat, xml)) {
        measure(file);
        if (gzip) {
          Path compressed = compress(file);
          Files.delete(file);
          measure(compressed);
          Files.delete(compressed);
        }
      }
      if (!gzip) {
        diff(fasta);
      }
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private enum Format {
    FASTA,
    FLAT,
    XML
  }

  private record Template(String text, Matcher accession) {}

  private static List<String> records(Path dir, String suffix, String separatorRegex)
      throws IOException {
    List<String> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String record : text.split(separatorRegex)) {
          if (!record.isBlank()) {
            records.add(record);
          }
        }
      }
    }
    return records;
  }

  private static List<String> fastaRecords(Path dir) throws IOException {
    return records(dir, ".fasta", "(?m)(?=^>)");
  }

  private static List<String> flatRecords(Path dir) throws IOException {
    return records(dir, ".txt", "(?m)(?<=^//\\n)");
  }

  private static List<String> xmlRecords(Path dir) throws IOException {
    List<String> entries = new ArrayList<>();
    Pattern entry = Pattern.compile("(?s)<entry .*?</entry>\\n?");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
        Matcher m = entry.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          entries.add(m.group().endsWith("\n") ? m.group() : m.group() + "\n");
        }
      }
    }
    return entries;
  }

  /**
   * {@code --generate fasta|flat|xml ENTRIES OUT [SAMPLE_DIR]}: writes a release file of exactly
   * ENTRIES entries (the samples under fresh accessions), for end-to-end benchmarks of the service.
   */
  private static void generateRelease(String[] args) throws IOException {
    Format format = Format.valueOf(args[1].toUpperCase(Locale.ROOT));
    long entries = Long.parseLong(args[2]);
    Path out = Path.of(args[3]);
    Path samples = Path.of(args.length > 4 ? args[4] : "ingest-service/src/test/resources/uniprot");
    List<String> records =
        switch (format) {
          case FASTA -> fastaRecords(samples);
          case FLAT -> flatRecords(samples);
          case XML -> xmlRecords(samples);
        };
    generate(out, records, Long.MAX_VALUE, entries, format);
  }

  private static Path generate(Path file, List<String> records, long target, Format format)
      throws IOException {
    return generate(file, records, target, Long.MAX_VALUE, format);
  }

  /** Writes the records over and over, each time under a fresh, well-formed accession. */
  private static Path generate(
      Path file, List<String> records, long target, long maxEntries, Format format)
      throws IOException {
    long start = System.nanoTime();
    long written = 0;
    long serial = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      if (format == Format.XML) {
        written +=
            write(
                out,
                "<?xml version='1.0' encoding='UTF-8'?>\n<uniprot xmlns=\"http://uniprot.org/uniprot\">\n");
      }
      while (written < target && serial < maxEntries) {
        for (String record : records) {
          if (serial >= maxEntries) {
            break;
          }
          String accession = accession(serial++);
          String renamed =
              switch (format) {
                case FASTA ->
                    FASTA_ACCESSION.matcher(record).replaceFirst(">$1|" + accession + "|");
                case FLAT -> FLAT_ACCESSION.matcher(record).replaceFirst("AC   " + accession + ";");
                case XML ->
                    XML_ACCESSION
                        .matcher(record)
                        .replaceFirst("<accession>" + accession + "</accession>");
              };
          written += write(out, renamed);
        }
      }
      if (format == Format.XML) {
        written += write(out, "</uniprot>\n");
      }
    }
    System.out.printf(
        Locale.ROOT,
        "generated %-10s %,d bytes, %,d entries in %.1f s%n",
        file.getFileName(),
        written,
        serial,
        (System.nanoTime() - start) / 1e9);
    return file;
  }

  private static long write(OutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    return bytes.length;
  }

  /** The n-th accession of the 10-character form {@code [A-NR-Z][0-9][A-Z][A-Z0-9]{2}[0-9]...}. */
  static String accession(long n) {
    String letters = "ABCDEFGHIJKLMNRSTUVWXYZ";
    String alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    long rest = n;
    char[] out = new char[10];
    int[] radix = {23, 10, 26, 36, 36, 10, 26, 36, 36, 10};
    for (int i = 9; i >= 0; i--) {
      int digit = (int) (rest % radix[i]);
      rest /= radix[i];
      out[i] =
          switch (radix[i]) {
            case 23 -> letters.charAt(digit);
            case 26 -> (char) ('A' + digit);
            case 36 -> alnum.charAt(digit);
            default -> (char) ('0' + digit);
          };
    }
    return new String(out);
  }

  private static Path compress(Path file) throws IOException {
    Path compressed = file.resolveSibling(file.getFileName() + ".gz");
    try (OutputStream out =
        new GZIPOutputStream(
            new BufferedOutputStream(Files.newOutputStream(compressed), 1 << 20), 1 << 16)) {
      Files.copy(file, out);
    }
    return compressed;
  }

  private static final class Counting implements ParseListener {
    long entries;
    long rejects;
    long residues;

    @Override
    public void onEntry(UniProtEntry entry) {
      entries++;
      residues += entry.length();
    }

    @Override
    public void onReject(Reject reject) {
      rejects++;
    }
  }

  private static void measure(Path file) throws IOException {
    long size = Files.size(file);
    for (String pass : List.of("cold", "warm")) {
      Counting counting = new Counting();
      long start = System.nanoTime();
      ParseSummary summary = new UniProtReader().read(file, counting);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "parse %-13s %-9s %s %,7.1f MB/s (file) %,7.1f MB/s (uncompressed) %,10.0f entries/s"
              + "  entries=%,d rejects=%d %.1f s%n",
          file.getFileName(),
          summary.format(),
          pass,
          size / 1e6 / seconds,
          summary.bytes() / 1e6 / seconds,
          summary.entries() / seconds,
          summary.entries(),
          summary.rejects(),
          seconds);
    }
  }

  /**
   * Two releases of 570k entries: the first all new, the second all unchanged, then all changed.
   */
  private static void diff(Path fasta) throws IOException {
    List<UniProtEntry> release = new ArrayList<>(SWISS_PROT_ENTRIES);
    new UniProtReader()
        .read(
            fasta,
            new ParseListener() {
              @Override
              public void onEntry(UniProtEntry entry) {
                if (release.size() < SWISS_PROT_ENTRIES) {
                  release.add(entry);
                }
              }

              @Override
              public void onReject(Reject reject) {}
            });
    InMemoryReleaseLedger ledger = new InMemoryReleaseLedger();
    InMemoryKnownDigests digests = new InMemoryKnownDigests();
    runDiff("release 1 (all new)", new ReleaseDiff(ledger, digests, "r1"), release);
    runDiff("release 2 (unchanged)", new ReleaseDiff(ledger, digests, "r2"), release);
    List<UniProtEntry> annotated =
        release.stream().map(e -> e.withEntryVersion(e.entryVersion() + 1)).toList();
    runDiff("release 3 (annotation)", new ReleaseDiff(ledger, digests, "r3"), annotated);
  }

  private static void runDiff(String label, ReleaseDiff diff, List<UniProtEntry> entries) {
    Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
    long start = System.nanoTime();
    for (UniProtEntry entry : entries) {
      for (SequenceChange change : diff.apply(entry)) {
        counts.merge(change.kind(), 1L, Long::sum);
      }
    }
    List<SequenceChange> absent = new ArrayList<>();
    diff.decideAbsent(absent::add);
    absent.forEach(diff::commit);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "diff  %-24s %,d entries in %.2f s = %,.0f entries/s  %s deleted=%d%n",
        label,
        entries.size(),
        seconds,
        entries.size() / seconds,
        counts,
        absent.size());
  }
}
