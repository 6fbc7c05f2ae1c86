package io.protstream.model.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads FASTA files. Sequence characters are kept as they are; the tokenizer judges them. */
public final class FastaReader {

  private FastaReader() {}

  public static List<FastaRecord> read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<FastaRecord> read(BufferedReader in, String source) throws IOException {
    List<FastaRecord> records = new ArrayList<>();
    String header = null;
    StringBuilder sequence = new StringBuilder();
    int lineNumber = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNumber++;
      if (line.startsWith(">")) {
        if (header != null) {
          records.add(new FastaRecord(header, sequence.toString()));
        }
        header = line.substring(1).strip();
        sequence.setLength(0);
      } else if (!line.isBlank()) {
        if (header == null) {
          throw new IllegalArgumentException(
              source + ":" + lineNumber + ": sequence data before the first '>' header");
        }
        sequence.append(line.strip());
      }
    }
    if (header != null) {
      records.add(new FastaRecord(header, sequence.toString()));
    }
    return records;
  }
}
