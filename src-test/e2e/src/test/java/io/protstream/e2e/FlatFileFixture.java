package io.protstream.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-release fixture of {@code src/test/resources/two-releases}, read here by a reader of its
 * own (primary accession, reviewed flag, sequence), so the expectations do not come from the
 * service's parser.
 */
final class FlatFileFixture {

  static final String RELEASE_1 = "release1.dat";
  static final String RELEASE_2 = "release2.dat";

  /** One record of a fixture file. */
  record Entry(String accession, boolean reviewed, String sequence) {}

  private FlatFileFixture() {}

  /** Entries by primary accession, in file order. */
  static Map<String, Entry> entries(String file) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    String accession = null;
    boolean reviewed = false;
    StringBuilder sequence = null;
    for (String line : text(file).split("\n")) {
      if (line.startsWith("ID   ")) {
        reviewed = line.contains(" Reviewed;");
        accession = null;
        sequence = null;
      } else if (line.startsWith("AC   ") && accession == null) {
        accession = line.substring(5, line.indexOf(';')).trim();
      } else if (line.startsWith("SQ   ")) {
        sequence = new StringBuilder();
      } else if (line.startsWith("//")) {
        entries.put(accession, new Entry(accession, reviewed, sequence.toString()));
      } else if (sequence != null && line.startsWith("     ")) {
        sequence.append(line.replace(" ", ""));
      }
    }
    return entries;
  }

  /** Copies both release files into {@code folder} (ingest-service reads them from there). */
  static Path copyTo(Path folder) {
    try {
      Files.createDirectories(folder);
      for (String file : List.of(RELEASE_1, RELEASE_2)) {
        try (InputStream in = resource(file)) {
          Files.copy(in, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> accessions(String file) {
    return new ArrayList<>(entries(file).keySet());
  }

  private static String text(String file) {
    try (InputStream in = resource(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String file) {
    InputStream in = FlatFileFixture.class.getResourceAsStream("/two-releases/" + file);
    if (in == null) {
      throw new IllegalStateException("missing test resource two-releases/" + file);
    }
    return in;
  }
}
