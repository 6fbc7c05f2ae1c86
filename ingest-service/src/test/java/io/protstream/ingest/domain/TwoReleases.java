package io.protstream.ingest.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Two releases built from the real sample entries. Release 2 differs from release 1 by: a changed
 * sequence (P00750), an annotation-only update (P56540), a deletion (Q51858 is gone), a new entry
 * (Q13639), a merge (Q51481 becomes a secondary accession of Q8NE62, whose entry version goes up
 * with it) and a new accession whose sequence is already known (A0A0B4J2F0 carries P00981's
 * sequence).
 */
public final class TwoReleases {

  public static final String DUPLICATE = "A0A0B4J2F0";

  private TwoReleases() {}

  public static List<UniProtEntry> release1() {
    List<UniProtEntry> entries = new ArrayList<>(Samples.entries("uniprot/multi_ex.txt"));
    entries.addAll(Samples.entries("uniprot/F2CXE6.txt"));
    entries.addAll(Samples.entries("uniprot/H2CNN8.txt"));
    return entries;
  }

  public static List<UniProtEntry> release2() {
    Map<String, UniProtEntry> old =
        release1().stream().collect(Collectors.toMap(UniProtEntry::accession, e -> e));
    List<UniProtEntry> entries = new ArrayList<>();
    for (UniProtEntry entry : release1()) {
      switch (entry.accession()) {
        case "P00750" -> {
          String mutated =
              "MDAMKRGLCCVLLLCGAVFVSPSQE" + entry.sequence().substring(25).replaceFirst("W", "F");
          entries.add(entry.withSequence(mutated, 2).withEntryVersion(161));
        }
        case "P56540" -> entries.add(entry.withEntryVersion(32));
        case "Q51858", "Q51481" -> {
          // deleted, and merged into Q8NE62
        }
        case "Q8NE62" -> {
          List<String> secondary = new ArrayList<>(entry.secondaryAccessions());
          secondary.add("Q51481");
          entries.add(entry.withAccessions("Q8NE62", secondary).withEntryVersion(73));
        }
        default -> entries.add(entry);
      }
    }
    entries.addAll(Samples.entries("uniprot/Q13639.txt"));
    entries.add(old.get("P00981").withAccessions(DUPLICATE, List.of()));
    return entries;
  }
}
