package io.protstream.e2e;

import io.protstream.schemas.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The chaos run against the clean run of the same input: Cassandra state identical; on every
 * read_committed output topic every key present, and present more often than in the clean run only
 * where ingest announced the accession again (a release run again after a crash re-sends the window
 * it had not committed); dead letters only for the records that are bad input.
 */
final class ChaosReport {

  private final ChaosRun.Options options;
  private final ChaosInput input;
  private final ChaosRun.Run clean;
  private final ChaosRun.Run chaos;
  private final List<String> failures = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final Map<String, StoredDrift.Column> drift;
  private boolean bitIdentical = true;

  ChaosReport(
      ChaosRun.Options options,
      ChaosInput input,
      ChaosRun.Run clean,
      ChaosRun.Run chaos,
      Map<String, StoredDrift.Column> drift) {
    this.options = options;
    this.drift = drift;
    this.input = input;
    this.clean = clean;
    this.chaos = chaos;
    build();
  }

  /** Everything holds, numbers within tolerance where not bit-identical. */
  boolean passed() {
    return failures.isEmpty();
  }

  /** The Cassandra state of both runs is identical bit for bit. */
  boolean bitIdentical() {
    return bitIdentical;
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  ChaosRun.Run chaos() {
    return chaos;
  }

  ChaosRun.Run clean() {
    return clean;
  }

  String text() {
    return String.join("\n", lines) + "\n";
  }

  private void build() {
    Map<String, String> accessionOfDigest = new HashMap<>();
    input.digestByAccession().forEach((a, d) -> accessionOfDigest.put(d, a));
    lines.add("protstream chaos report");
    lines.add(
        String.format(
            "input: %,d generated sequences (UniProtKB length mix, seed %d, %d distinct; %s) + %d"
                + " bad records (%s); tiny demo model",
            input.digestByAccession().size(),
            options.seed(),
            accessionOfDigest.size(),
            input.lengths(),
            input.badAccessions().size(),
            String.join(", ", input.badAccessions())));
    for (ChaosRun.Run run : List.of(clean, chaos)) {
      lines.add(
          String.format(
              "%s run: %s in %.1f s (%s)",
              run.name(),
              run.drained() ? "drained" : "NOT drained",
              run.drainMillis() / 1000.0,
              run.state()));
      if (!run.drained()) {
        failures.add(run.name() + " run did not drain: " + run.state());
      }
    }
    lines.add("");
    lines.add("faults injected into the chaos run (times from the release's first submission):");
    lines.add(
        String.format(
            "  %-2s %8s  %-40s %-22s %9s %13s  %s",
            "#", "at", "fault", "progress at fault", "back up", "recovered", "note"));
    int n = 1;
    for (ChaosRun.Fault f : chaos.faults()) {
      lines.add(
          String.format(
              "  %-2d %7.1fs  %-40s %-22s %8.1fs %12.1fs  %s",
              n++,
              f.atMillis() / 1000.0,
              f.target(),
              f.progress(),
              f.upMillis() / 1000.0,
              f.recoveredMillis() / 1000.0,
              f.note()));
    }
    lines.add("  (back up: until the restarted process answered; recovered: until new output came");
    lines.add("   out of the stage it stopped, i.e. the pipeline made progress again)");
    lines.add("release submissions of the chaos run:");
    chaos.submissions().forEach(s -> lines.add("  " + s));

    lines.add("");
    lines.add("Cassandra state, chaos run against clean run (timestamp columns left out):");
    compare(chaos.index(), clean.index());
    compare(chaos.ledger(), clean.ledger());

    lines.add("");
    lines.add("read_committed output topics (records per key, chaos run against clean run):");
    Map<String, Integer> cleanSequences = clean.census().counts(Topics.SEQUENCES);
    Map<String, Integer> chaosSequences = chaos.census().counts(Topics.SEQUENCES);
    Set<String> reannounced = new TreeSet<>();
    chaosSequences.forEach(
        (accession, count) -> {
          if (count > cleanSequences.getOrDefault(accession, 0)) {
            reannounced.add(accession);
          }
        });
    for (String topic : TopicCensus.OUTPUTS) {
      boolean byAccession = topic.equals(Topics.SEQUENCES);
      Set<String> expected =
          byAccession
              ? input.digestByAccession().keySet()
              : Set.copyOf(input.digestByAccession().values());
      Map<String, Integer> before = clean.census().counts(topic);
      Map<String, Integer> after = chaos.census().counts(topic);
      List<String> missingClean = expected.stream().filter(k -> !before.containsKey(k)).toList();
      List<String> missing = expected.stream().filter(k -> !after.containsKey(k)).toList();
      List<String> more = new ArrayList<>();
      List<String> unexplained = new ArrayList<>();
      int extraRecords = 0;
      for (Map.Entry<String, Integer> e : after.entrySet()) {
        int surplus = e.getValue() - before.getOrDefault(e.getKey(), 0);
        if (surplus > 0) {
          more.add(e.getKey());
          extraRecords += surplus;
          String accession = byAccession ? e.getKey() : accessionOfDigest.get(e.getKey());
          if (!byAccession && (accession == null || !reannounced.contains(accession))) {
            unexplained.add(e.getKey());
          }
        }
      }
      lines.add(
          String.format(
              "  %-36s %,7d keys (clean %,d); missing %d (clean %d); keys with more records"
                  + " than clean: %d (+%d records), of them not re-announced by ingest: %d",
              topic,
              after.size(),
              before.size(),
              missing.size(),
              missingClean.size(),
              more.size(),
              extraRecords,
              unexplained.size()));
      if (!missing.isEmpty()) {
        failures.add(topic + ": " + missing.size() + " keys missing, e.g. " + missing.get(0));
      }
      if (!missingClean.isEmpty()) {
        failures.add(
            topic + ": clean run misses " + missingClean.size() + ", e.g. " + missingClean.get(0));
      }
      if (!unexplained.isEmpty()) {
        failures.add(
            topic
                + ": "
                + unexplained.size()
                + " keys repeated without a re-announcement, e.g. "
                + unexplained.get(0));
      }
      if (byAccession && !more.isEmpty()) {
        lines.add(
            "    re-announced by ingest (its uncommitted window, sent again when the release ran"
                + " again): "
                + more.size()
                + " accessions, "
                + range(more));
      }
    }

    lines.add("");
    lines.add("dead-letter topics:");
    for (ChaosRun.Run run : List.of(clean, chaos)) {
      Map<String, Long> byKind =
          run.census().deadLetters().stream()
              .collect(
                  Collectors.groupingBy(s -> s, java.util.TreeMap::new, Collectors.counting()));
      lines.add("  " + run.name() + " run: " + run.census().deadLetters().size() + " dead letters");
      byKind.forEach((letter, count) -> lines.add("    " + count + " x " + letter));
      for (String letter : run.census().deadLetters()) {
        boolean badInput =
            letter.startsWith(Topics.SEQUENCES_DLQ + " ")
                && input.badAccessions().stream().anyMatch(a -> letter.contains(" key=" + a + " "));
        if (!badInput) {
          failures.add(run.name() + " run: a dead letter that is not bad input: " + letter);
        }
      }
      for (String bad : input.badAccessions()) {
        if (run.census().deadLetters().stream().noneMatch(l -> l.contains(" key=" + bad + " "))) {
          failures.add(run.name() + " run: bad record " + bad + " was not dead-lettered");
        }
      }
    }

    lines.add("");
    lines.add(
        "verdict: "
            + (failures.isEmpty() ? "PASS" : "FAIL")
            + (bitIdentical
                ? " (Cassandra state bit-identical)"
                : " (Cassandra state NOT bit-identical; differences listed above)"));
    failures.forEach(f -> lines.add("  - " + f));
  }

  /**
   * Identical bit for bit, or else: which tables and columns differ, how far the numbers are apart,
   * and whether every difference is the kind a last-bit difference of the encoder or the heads
   * produces (numbers within tolerance, labels flipped only at ties, LSH and SAI rows only of
   * digests whose vector differs); anything else fails.
   */
  private void compare(CassandraSnapshot chaosState, CassandraSnapshot cleanState) {
    List<CassandraSnapshot.TableDifference> differences = chaosState.differences(cleanState);
    String sizes =
        chaosState.tables().keySet().stream()
            .map(t -> t + " " + chaosState.rows(t))
            .collect(Collectors.joining(", "));
    if (differences.isEmpty()) {
      lines.add("  " + chaosState.keyspace() + ": identical, bit for bit (rows: " + sizes + ")");
      return;
    }
    bitIdentical = false;
    lines.add("  " + chaosState.keyspace() + ": NOT bit-identical (rows: " + sizes + ")");
    Set<String> vectorsDiffering = new TreeSet<>();
    for (CassandraSnapshot.TableDifference d : differences) {
      if (d.table().equals("sequences")) {
        vectorsDiffering.addAll(
            StoredDrift.digestsOf(d.rowsByColumn().getOrDefault("vector", List.of())));
      }
    }
    Set<String> numeric = new TreeSet<>(StoredDrift.VECTORS);
    numeric.addAll(StoredDrift.QUANTIZED);
    numeric.addAll(StoredDrift.FLOAT_LISTS);
    numeric.addAll(StoredDrift.LABELS);
    for (CassandraSnapshot.TableDifference d : differences) {
      String columns =
          d.rowsByColumn().entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue().size())
              .collect(Collectors.joining(", "));
      lines.add(
          String.format(
              "    %s: %d rows only in the chaos run, %d only in the clean run; rows differing per"
                  + " column: %s",
              d.table(),
              d.onlyHere().size(),
              d.onlyThere().size(),
              columns.isEmpty() ? "-" : columns));
      boolean derived = d.table().startsWith("lsh_") || d.table().startsWith("sai_");
      if (derived) {
        List<String> keys = new ArrayList<>(d.onlyHere());
        keys.addAll(d.onlyThere());
        d.rowsByColumn().values().forEach(keys::addAll);
        List<String> others =
            StoredDrift.digestsOf(keys).stream()
                .filter(digest -> !vectorsDiffering.contains(digest))
                .distinct()
                .toList();
        if (!others.isEmpty()) {
          failures.add(
              d.table() + ": rows differ for digests whose vector does not, e.g. " + others.get(0));
        }
      } else if (d.table().equals("sequences")
          && d.onlyHere().isEmpty()
          && d.onlyThere().isEmpty()) {
        d.rowsByColumn().keySet().stream()
            .filter(c -> !numeric.contains(c))
            .forEach(c -> failures.add("sequences." + c + " differs"));
      } else {
        failures.add(chaosState.keyspace() + "." + d.table() + " differs");
      }
    }
    for (StoredDrift.Column c : drift.values()) {
      if (c.rows() == 0) {
        continue;
      }
      boolean label = StoredDrift.LABELS.contains(c.name());
      if (label) {
        lines.add(
            String.format(
                "    sequences.%s: %d rows, %d labels differ, %d of them not at a tie",
                c.name(), c.rows(), c.labelsDiffering(), c.notNearTie()));
        if (c.notNearTie() > 0) {
          failures.add("sequences." + c.name() + ": labels differ away from ties");
        }
        continue;
      }
      double tolerance =
          StoredDrift.QUANTIZED.contains(c.name()) ? 1 / 255.0 + 1e-9 : 1e-4 * c.largest();
      lines.add(
          String.format(
              "    sequences.%s: %d rows differ, max |difference| %.3g (%.3g of the largest value"
                  + " %.3g; tolerance %.3g)",
              c.name(), c.rows(), c.maxAbs(), c.relative(), c.largest(), tolerance));
      if (c.maxAbs() > tolerance) {
        failures.add("sequences." + c.name() + " differs beyond tolerance: " + c.maxAbs());
      }
    }
  }

  private static String range(List<String> keys) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(keys));
    return sorted.size() <= 6
        ? String.join(", ", sorted)
        : sorted.get(0)
            + " .. "
            + sorted.get(sorted.size() - 1)
            + " (e.g. "
            + sorted.subList(0, 4)
            + ")";
  }
}
