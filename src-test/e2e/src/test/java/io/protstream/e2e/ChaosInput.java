package io.protstream.e2e;

import io.protstream.model.bench.LengthMix;
import io.protstream.model.pipeline.ProteinSequence;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chaos release: {@code count} generated sequences with UniProtKB's length mix ({@link
 * LengthMix}) as a UniProt FASTA file, plus a few records that are bad input on purpose (digits in
 * the sequence), which must end up in {@code uniprot.sequences.v1.dlq} and nowhere else.
 */
record ChaosInput(
    Path file, Map<String, String> digestByAccession, List<String> badAccessions, String lengths) {

  /** The encoder's window: longer sequences would be embedded in overlapping windows. */
  static final int MAX_LENGTH = 4000;

  static final int BAD_RECORDS = 3;

  static ChaosInput write(Path file, int count, long seed) throws IOException {
    if (count < BAD_RECORDS || count > 99_999) {
      throw new IllegalArgumentException("between 3 and 99,999 sequences (P00000..P99999)");
    }
    Files.createDirectories(file.getParent());
    Map<String, String> digests = new LinkedHashMap<>();
    List<String> bad = new ArrayList<>();
    List<ProteinSequence> sequences = LengthMix.sequences(count, MAX_LENGTH, seed);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < count; i++) {
        String accession = String.format("P%05d", i);
        String sequence = sequences.get(i).sequence();
        record(out, accession, sequence);
        digests.put(accession, EmbedStreams.digest(sequence));
        // the bad records sit evenly among the good ones
        if (bad.size() < BAD_RECORDS && i + 1 == (bad.size() + 1) * count / (BAD_RECORDS + 1)) {
          String broken = String.format("Q%05d", bad.size() + 1);
          record(out, broken, sequence.substring(0, 20) + "12" + sequence.substring(20));
          bad.add(broken);
        }
      }
    }
    int[] sorted = sequences.stream().mapToInt(p -> p.sequence().length()).sorted().toArray();
    String lengths =
        String.format(
            "lengths %d..%d, median %d, p99 %d, %,d residues",
            sorted[0],
            sorted[sorted.length - 1],
            sorted[sorted.length / 2],
            sorted[(int) (sorted.length * 0.99)],
            java.util.Arrays.stream(sorted).asLongStream().sum());
    return new ChaosInput(file, digests, List.copyOf(bad), lengths);
  }

  private static void record(BufferedWriter out, String accession, String sequence)
      throws IOException {
    out.write(">tr|" + accession + "|" + accession + "_CHAOS Generated protein OS=Synthetic");
    out.write(" OX=32630 PE=4 SV=1\n");
    for (int i = 0; i < sequence.length(); i += 60) {
      out.write(sequence, i, Math.min(60, sequence.length() - i));
      out.write('\n');
    }
  }
}
