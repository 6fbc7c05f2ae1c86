package io.protstream.ingest.domain.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.ingest.domain.Dataset;
import io.protstream.ingest.domain.FlatFileRenderer;
import io.protstream.ingest.domain.TwoReleases;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.diff.ChangeKind;
import io.protstream.ingest.domain.diff.InMemoryKnownDigests;
import io.protstream.ingest.domain.diff.InMemoryReleaseLedger;
import io.protstream.ingest.domain.diff.SequenceChange;
import io.protstream.ingest.domain.parse.UniProtReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Windowed announce-then-commit over the two sample releases, including a crash in the middle. */
class ReleaseIngestionTest {

  private final InMemoryReleaseLedger ledger = new InMemoryReleaseLedger();
  private final InMemoryKnownDigests digests = new InMemoryKnownDigests();
  private final List<SequenceChange> announced = new ArrayList<>();

  @Test
  void aCrashInTheMiddleReannouncesOnlyTheUncommittedWindowAndEndsWithTheSameLedger()
      throws IOException {
    ingest("2010_11", TwoReleases.release1(), 4, okSink());
    int release1Announcements = announced.size();
    // release 2 fails at its 4th announcement, part-way through
    ChangeSink failing = failingAfter(3);
    assertThrows(
        ReleaseIngestion.IngestionFailedException.class,
        () -> ingest("2011_01", TwoReleases.release2(), 4, failing));
    int beforeRerun = announced.size();

    ingest("2011_01", TwoReleases.release2(), 4, okSink());

    InMemoryReleaseLedger clean = new InMemoryReleaseLedger();
    ReleaseIngestion reference =
        new ReleaseIngestion(
            clean,
            new InMemoryKnownDigests(),
            new UniProtReader(),
            c -> done(),
            (r, id) -> done(),
            4,
            Clock.systemUTC());
    reference.run(release("2010_11", TwoReleases.release1()), new IngestionProgress());
    reference.run(release("2011_01", TwoReleases.release2()), new IngestionProgress());
    assertEquals(clean.snapshot(), ledger.snapshot());
    // nothing is lost: every change of release 2 was announced before the crash or by the re-run;
    // the re-run sends nothing that release 2 does not contain, and repeats at most one window
    var beforeCrash = kinds(announced.subList(release1Announcements, beforeRerun));
    var rerun = kinds(announced.subList(beforeRerun, announced.size()));
    var repeated = new java.util.HashSet<>(beforeCrash);
    repeated.retainAll(rerun);
    assertTrue(repeated.size() <= 4, "re-announced more than one window: " + repeated);
    assertEquals(
        announced.size() - beforeRerun, rerun.size(), "the re-run announced something twice");
    var expected =
        java.util.Set.of(
            "SEQUENCE_CHANGED P00750",
            "ANNOTATION_ONLY P56540",
            "ANNOTATION_ONLY Q8NE62",
            "MERGED Q51481",
            "DELETED Q51858",
            "NEW Q13639",
            "NEW " + TwoReleases.DUPLICATE);
    assertTrue(expected.containsAll(rerun), rerun.toString());
    var union = new java.util.HashSet<>(beforeCrash);
    union.addAll(rerun);
    assertEquals(expected, union);
  }

  @Test
  void aSequenceSharedWithinOneWindowAsksForOneEmbedding() throws IOException {
    UniProtEntry first = TwoReleases.release1().get(0);
    UniProtEntry twin = first.withAccessions("Q9TWN1", List.of());

    ingest("2010_11", List.of(first, twin), 512, okSink());

    List<Boolean> needs = announced.stream().map(SequenceChange::needsEmbedding).toList();
    assertEquals(List.of(true, false), needs);
  }

  @Test
  void anIncompleteReleaseDeletesNothingByAbsence() throws IOException {
    ingest("2010_11", TwoReleases.release1(), 4, okSink());
    announced.clear();

    ingest("2011_01", TwoReleases.release2().subList(0, 3), 4, okSink(), false);

    assertFalse(
        announced.stream().anyMatch(c -> c.kind() == ChangeKind.DELETED), announced.toString());
  }

  /**
   * A crash in the middle of a long deleted-accession list: the list is decided and committed a
   * window at a time, so the re-run repeats at most one window of deletions.
   */
  @Test
  void aCrashInALongDeletionListReannouncesAtMostOneWindow() throws IOException {
    UniProtEntry template = TwoReleases.release1().get(0);
    List<UniProtEntry> many = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      many.add(template.withAccessions(String.format("Q9Z%03d", i), List.of()));
    }
    ingest("2010_11", many, 4, okSink());
    List<UniProtEntry> kept = many.subList(0, 10);
    StringBuilder delac = new StringBuilder("Release: 2011_01\n\n");
    many.subList(10, 40).forEach(e -> delac.append(e.accession()).append('\n'));
    announced.clear();

    // 10 deletions go through, the 11th announcement fails
    assertThrows(
        ReleaseIngestion.IngestionFailedException.class,
        () -> ingestWithDeletions("2011_01", kept, delac.toString(), failingAfter(10)));
    var beforeCrash = kinds(announced);
    assertEquals(10, beforeCrash.size());
    announced.clear();
    ingestWithDeletions("2011_01", kept, delac.toString(), okSink());
    var rerun = kinds(announced);

    var repeated = new java.util.HashSet<>(beforeCrash);
    repeated.retainAll(rerun);
    assertTrue(repeated.size() <= 4, "re-announced more than one window: " + repeated);
    var union = new java.util.HashSet<>(beforeCrash);
    union.addAll(rerun);
    assertEquals(30, union.size(), union.toString());
    assertTrue(union.stream().allMatch(k -> k.startsWith("DELETED ")), union.toString());
    assertEquals(10, ledger.size());
  }

  /** Rejects are acknowledged with their window, not one broker round trip each. */
  @Test
  void rejectsAreAcknowledgedWithTheWindowNotOneByOne() throws IOException {
    int[] rejectsSent = {0};
    List<Integer> sentWhenFirstAwaited = new ArrayList<>();
    RejectSink sink =
        (reject, release) -> {
          rejectsSent[0]++;
          return new CompletableFuture<Void>() {
            @Override
            public Void join() {
              sentWhenFirstAwaited.add(rejectsSent[0]);
              complete(null);
              return super.join();
            }
          };
        };
    List<UniProtEntry> good = TwoReleases.release1();
    String bad =
        "ID   BAD_HUMAN               Reviewed;           5 AA.\n"
            + "AC   not-an-accession;\n"
            + "SQ   SEQUENCE   5 AA;  0 MW;  0000000000000000 CRC64;\n"
            + "     MKVLA\n"
            + "//\n";
    String text =
        FlatFileRenderer.render(good.get(0))
            + bad
            + FlatFileRenderer.render(good.get(1))
            + bad
            + FlatFileRenderer.render(good.get(2));

    new ReleaseIngestion(
            ledger, digests, new UniProtReader(), okSink(), sink, 512, Clock.systemUTC())
        .run(
            new ReleaseIngestion.Release(
                "2010_11",
                "mixed.dat",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                null,
                false),
            new IngestionProgress());

    assertTrue(rejectsSent[0] >= 2, "the file has two bad records: " + rejectsSent[0]);
    assertEquals(
        rejectsSent[0],
        sentWhenFirstAwaited.get(0),
        "the first reject was awaited before the later ones were sent");
  }

  /**
   * A complete Swiss-Prot file says nothing about TrEMBL entries: absence deletes only within the
   * dataset the file speaks for, judged from its entries or declared.
   */
  @Test
  void absenceDeletesOnlyWithinTheDatasetOfTheFile() throws IOException {
    ingest("2010_11", TwoReleases.release1(), 4, okSink());
    announced.clear();
    List<UniProtEntry> swissProtOnly =
        TwoReleases.release1().stream()
            .filter(UniProtEntry::reviewed)
            .filter(e -> !e.accession().equals("P00750"))
            .toList();

    ingest("2011_01", swissProtOnly, 4, okSink(), true);

    // F2CXE6 and H2CNN8 (TrEMBL) are absent too, but the file holds only Swiss-Prot entries
    assertEquals(java.util.Set.of("DELETED P00750"), kinds(announced));
  }

  @Test
  void aDeclaredDatasetScopesAbsenceEvenWhenTheFileIsEmptyOfIt() throws IOException {
    ingest("2010_11", TwoReleases.release1(), 4, okSink());
    announced.clear();
    List<UniProtEntry> tremblOnly =
        TwoReleases.release1().stream()
            .filter(e -> !e.reviewed() && !e.accession().equals("H2CNN8"))
            .toList();
    String text = tremblOnly.stream().map(FlatFileRenderer::render).collect(Collectors.joining());

    new ReleaseIngestion(
            ledger, digests, new UniProtReader(), okSink(), (r, id) -> done(), 4, Clock.systemUTC())
        .run(
            new ReleaseIngestion.Release(
                "2011_01",
                "uniprot_trembl.dat",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                null,
                true,
                Dataset.TREMBL),
            new IngestionProgress());

    assertEquals(java.util.Set.of("DELETED H2CNN8"), kinds(announced));
  }

  private void ingestWithDeletions(
      String release, List<UniProtEntry> entries, String delac, ChangeSink sink)
      throws IOException {
    String text = entries.stream().map(FlatFileRenderer::render).collect(Collectors.joining());
    new ReleaseIngestion(
            ledger, digests, new UniProtReader(), sink, (r, id) -> done(), 4, Clock.systemUTC())
        .run(
            new ReleaseIngestion.Release(
                release,
                release + ".dat",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(delac.getBytes(StandardCharsets.UTF_8)),
                false),
            new IngestionProgress());
  }

  private static java.util.Set<String> kinds(List<SequenceChange> changes) {
    return changes.stream().map(c -> c.kind() + " " + c.accession()).collect(Collectors.toSet());
  }

  private void ingest(String release, List<UniProtEntry> entries, int window, ChangeSink sink)
      throws IOException {
    ingest(release, entries, window, sink, true);
  }

  private void ingest(
      String release, List<UniProtEntry> entries, int window, ChangeSink sink, boolean complete)
      throws IOException {
    new ReleaseIngestion(
            ledger,
            digests,
            new UniProtReader(),
            sink,
            (r, id) -> done(),
            window,
            Clock.systemUTC())
        .run(release(release, entries, complete), new IngestionProgress());
  }

  private static ReleaseIngestion.Release release(String id, List<UniProtEntry> entries) {
    return release(id, entries, true);
  }

  private static ReleaseIngestion.Release release(
      String id, List<UniProtEntry> entries, boolean complete) {
    String text = entries.stream().map(FlatFileRenderer::render).collect(Collectors.joining());
    return new ReleaseIngestion.Release(
        id,
        id + ".dat",
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        null,
        complete);
  }

  private ChangeSink okSink() {
    return change -> {
      announced.add(change);
      return done();
    };
  }

  private ChangeSink failingAfter(int successes) {
    int[] count = {0};
    return change -> {
      if (count[0]++ >= successes) {
        return CompletableFuture.failedFuture(new IllegalStateException("broker gone"));
      }
      announced.add(change);
      return done();
    };
  }

  private static CompletionStage<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}
