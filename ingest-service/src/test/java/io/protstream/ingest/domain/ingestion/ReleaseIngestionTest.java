package io.protstream.ingest.domain.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    // nothing is lost: every change of release 2 was announced before the crash or by the re-run,
    // and the
    // re-run sends nothing that release 2 does not contain
    var beforeCrash = kinds(announced.subList(release1Announcements, beforeRerun));
    var rerun = kinds(announced.subList(beforeRerun, announced.size()));
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
