package io.protstream.ingest.domain.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.ingest.domain.CuratedAnnotations;
import io.protstream.ingest.domain.CuratedAnnotations.GoTerm;
import io.protstream.ingest.domain.Samples;
import io.protstream.ingest.domain.TwoReleases;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.parse.DeletedAccessionsReader;
import io.protstream.ingest.domain.sequence.SequenceDigest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The release diff over {@link TwoReleases}, with the in-memory ledger. */
class ReleaseDiffTest {

  private static final String RELEASE_1 = "2010_11";
  private static final String RELEASE_2 = "2011_01";
  private static final String DUPLICATE = TwoReleases.DUPLICATE;

  private InMemoryReleaseLedger ledger;
  private InMemoryKnownDigests digests;

  private record Event(ChangeKind kind, String accession) {}

  private static Set<Event> events(List<SequenceChange> changes) {
    return changes.stream()
        .filter(c -> c.kind().announced())
        .map(c -> new Event(c.kind(), c.accession()))
        .collect(Collectors.toSet());
  }

  /** Runs a whole complete release the way the service does: decide, announce, commit. */
  private List<SequenceChange> run(String release, List<UniProtEntry> entries) {
    ReleaseDiff diff = new ReleaseDiff(ledger, digests, release);
    List<SequenceChange> changes = new ArrayList<>();
    for (UniProtEntry entry : entries) {
      changes.addAll(diff.apply(entry));
    }
    List<SequenceChange> deletions = new ArrayList<>();
    diff.decideAbsent(deletions::add);
    deletions.forEach(diff::commit);
    changes.addAll(deletions);
    return changes;
  }

  private static SequenceChange only(List<SequenceChange> changes, ChangeKind kind, String acc) {
    List<SequenceChange> matching =
        changes.stream().filter(c -> c.kind() == kind && c.accession().equals(acc)).toList();
    assertEquals(1, matching.size(), kind + " " + acc + " in " + changes);
    return matching.get(0);
  }

  @BeforeEach
  void emptyLedger() {
    ledger = new InMemoryReleaseLedger();
    digests = new InMemoryKnownDigests();
  }

  /** Same sequence and versions, other GO terms: downstream must hear of the new annotations. */
  @Test
  void changedCuratedAnnotationsAloneAreAnAnnotationOnlyChange() {
    run(RELEASE_1, TwoReleases.release1());
    CuratedAnnotations recurated =
        new CuratedAnnotations(
            List.of(new GoTerm("GO:0005737", "C", "IDA")), List.of(), List.of(), List.of());
    List<UniProtEntry> release2 =
        TwoReleases.release1().stream()
            .map(e -> e.accession().equals("P56540") ? e.withCurated(recurated) : e)
            .toList();

    assertEquals(
        Set.of(new Event(ChangeKind.ANNOTATION_ONLY, "P56540")), events(run(RELEASE_2, release2)));
    assertEquals(recurated.digest(), ledger.get("P56540").get().annotationDigest());

    // the same annotations again, then a FASTA view (no annotations): nothing to announce
    assertEquals(Set.of(), events(run("2011_02", release2)));
    List<UniProtEntry> fastaView = release2.stream().map(e -> e.withCurated(null)).toList();
    assertEquals(Set.of(), events(run("2011_03", fastaView)));
    assertEquals(recurated.digest(), ledger.get("P56540").get().annotationDigest());
  }

  @Test
  void theFirstReleaseIsAllNew() {
    List<SequenceChange> changes = run(RELEASE_1, TwoReleases.release1());
    assertEquals(10, changes.size());
    assertTrue(changes.stream().allMatch(c -> c.kind() == ChangeKind.NEW));
    assertTrue(changes.stream().allMatch(SequenceChange::needsEmbedding));
    assertEquals(10, ledger.size());
    assertEquals(10, digests.size());
  }

  @Test
  void theSecondReleaseYieldsExactlyTheRealChanges() {
    run(RELEASE_1, TwoReleases.release1());

    List<SequenceChange> changes = run(RELEASE_2, TwoReleases.release2());

    assertEquals(
        Set.of(
            new Event(ChangeKind.SEQUENCE_CHANGED, "P00750"),
            new Event(ChangeKind.ANNOTATION_ONLY, "P56540"),
            new Event(ChangeKind.ANNOTATION_ONLY, "Q8NE62"),
            new Event(ChangeKind.MERGED, "Q51481"),
            new Event(ChangeKind.DELETED, "Q51858"),
            new Event(ChangeKind.NEW, "Q13639"),
            new Event(ChangeKind.NEW, DUPLICATE)),
        events(changes));
    assertEquals(7, changes.stream().filter(c -> c.kind().announced()).count());

    SequenceChange changed = only(changes, ChangeKind.SEQUENCE_CHANGED, "P00750");
    assertTrue(changed.needsEmbedding());
    assertEquals(1, changed.previous().sequenceVersion());
    assertEquals(2, changed.entry().sequenceVersion());

    SequenceChange annotation = only(changes, ChangeKind.ANNOTATION_ONLY, "P56540");
    assertFalse(annotation.needsEmbedding());
    assertEquals(31, annotation.previous().entryVersion());

    SequenceChange merged = only(changes, ChangeKind.MERGED, "Q51481");
    assertEquals("Q8NE62", merged.mergedInto());
    assertEquals(RELEASE_1, merged.previous().lastRelease());
    assertFalse(merged.needsEmbedding());

    SequenceChange deleted = only(changes, ChangeKind.DELETED, "Q51858");
    assertNull(deleted.entry());
    assertEquals("Q51858", deleted.previous().accession());

    SequenceChange fresh = only(changes, ChangeKind.NEW, "Q13639");
    assertTrue(fresh.needsEmbedding());

    SequenceChange duplicate = only(changes, ChangeKind.NEW, DUPLICATE);
    assertTrue(duplicate.digestAlreadyKnown());
    assertFalse(duplicate.needsEmbedding());
    assertEquals(
        SequenceDigest.of(Samples.entries("uniprot/multi_ex.txt").get(5).sequence()),
        duplicate.digest());

    assertEquals(2, changes.stream().filter(SequenceChange::needsEmbedding).count());
  }

  @Test
  void theLedgerFollowsTheSecondRelease() {
    run(RELEASE_1, TwoReleases.release1());
    run(RELEASE_2, TwoReleases.release2());

    Map<String, LedgerEntry> after = ledger.snapshot();
    assertEquals(
        Set.of(
            "P00750", "P56540", "Q8NE62", "P00981", "P28799", "Q01436", "F2CXE6", "H2CNN8",
            "Q13639", DUPLICATE),
        after.keySet());
    assertTrue(after.values().stream().allMatch(e -> e.lastRelease().equals(RELEASE_2)));
    assertEquals(2, after.get("P00750").sequenceVersion());
    assertEquals(161, after.get("P00750").entryVersion());
    assertEquals(after.get("P00981").digest(), after.get(DUPLICATE).digest());
  }

  @Test
  void runningAReleaseAgainAnnouncesNothing() {
    run(RELEASE_1, TwoReleases.release1());
    run(RELEASE_2, TwoReleases.release2());
    Map<String, LedgerEntry> once = ledger.snapshot();

    List<SequenceChange> again = run(RELEASE_2, TwoReleases.release2());

    assertTrue(events(again).isEmpty(), () -> events(again).toString());
    assertEquals(once, ledger.snapshot());
  }

  @Test
  void aReleaseInterruptedMidwayEndsWithTheSameLedgerWhenRunAgain() {
    run(RELEASE_1, TwoReleases.release1());
    InMemoryReleaseLedger uninterrupted = new InMemoryReleaseLedger();
    ledger.snapshot().values().forEach(uninterrupted::put);
    InMemoryKnownDigests uninterruptedDigests = new InMemoryKnownDigests();
    TwoReleases.release1().forEach(e -> uninterruptedDigests.add(SequenceDigest.of(e.sequence())));
    List<SequenceChange> reference = new ArrayList<>();
    ReleaseDiff referenceDiff = new ReleaseDiff(uninterrupted, uninterruptedDigests, RELEASE_2);
    TwoReleases.release2().forEach(e -> reference.addAll(referenceDiff.apply(e)));
    referenceDiff.decideAbsent(
        d -> {
          reference.add(d);
          referenceDiff.commit(d);
        });

    // First attempt: every change is decided and announced, but the process stops after committing
    // the first half; the last announced changes were never committed.
    List<UniProtEntry> entries = TwoReleases.release2();
    ReleaseDiff interrupted = new ReleaseDiff(ledger, digests, RELEASE_2);
    List<SequenceChange> announcedBeforeCrash = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      List<SequenceChange> decided = interrupted.decide(entries.get(i));
      announcedBeforeCrash.addAll(decided);
      if (i < entries.size() / 2) {
        decided.forEach(interrupted::commit);
      }
    }

    List<SequenceChange> resent = run(RELEASE_2, entries);

    assertEquals(uninterrupted.snapshot(), ledger.snapshot());
    assertTrue(
        events(reference).containsAll(events(resent)),
        "a re-run re-sends only changes of the uninterrupted run");
    Set<Event> all = new java.util.HashSet<>(events(announcedBeforeCrash));
    all.addAll(events(resent));
    assertEquals(events(reference), all, "together the two attempts announced every change");
  }

  @Test
  void deletedAccessionListsDeleteOnlyWhatTheLedgerTracks() throws IOException {
    run(RELEASE_1, TwoReleases.release1());
    ReleaseDiff diff = new ReleaseDiff(ledger, digests, RELEASE_2);
    String delac = "Release:     2011_01 of 11-Jan-2011\n\nQ51858\nP99999\n";
    List<SequenceChange> deletions = new ArrayList<>();
    DeletedAccessionsReader.read(
        new ByteArrayInputStream(delac.getBytes(StandardCharsets.US_ASCII)),
        accession -> diff.decideDeletion(accession).ifPresent(deletions::add));

    assertEquals(Set.of(new Event(ChangeKind.DELETED, "Q51858")), events(deletions));
    deletions.forEach(diff::commit);
    assertTrue(diff.decideDeletion("Q51858").isEmpty(), "replaying the list deletes nothing");
  }

  @Test
  void anAccessionPresentInTheReleaseIsNotDeletedByTheList() {
    run(RELEASE_1, TwoReleases.release1());
    ReleaseDiff diff = new ReleaseDiff(ledger, digests, RELEASE_2);
    diff.apply(TwoReleases.release1().get(0));
    assertTrue(diff.decideDeletion("P00750").isEmpty());
  }

  @Test
  void identicalSequencesInOneReleaseAreEmbeddedOnce() {
    UniProtEntry original = Samples.entries("uniprot/multi_ex.txt").get(1);
    ReleaseDiff diff = new ReleaseDiff(ledger, digests, RELEASE_1);
    SequenceChange first = diff.apply(original).get(0);
    SequenceChange second = diff.apply(original.withAccessions("P56541", List.of())).get(0);
    assertTrue(first.needsEmbedding());
    assertEquals(ChangeKind.NEW, second.kind());
    assertFalse(second.needsEmbedding());
  }

  @Test
  void fastaInputNeverClaimsAnAnnotationChange() {
    run(RELEASE_1, TwoReleases.release1());
    ReleaseDiff diff = new ReleaseDiff(ledger, digests, RELEASE_2);
    List<SequenceChange> changes = new ArrayList<>();
    Samples.entries("uniprot/multi_ex.fasta").forEach(e -> changes.addAll(diff.apply(e)));
    assertTrue(changes.stream().allMatch(c -> c.kind() == ChangeKind.UNCHANGED));
    assertEquals(160, ledger.get("P00750").orElseThrow().entryVersion());
  }

  @Test
  void decidingAloneLeavesTheLedgerUntouched() {
    ReleaseDiff diff = new ReleaseDiff(ledger, digests, RELEASE_1);
    diff.decide(TwoReleases.release1().get(0));
    assertEquals(0, ledger.size());
    assertEquals(0, digests.size());
  }
}
