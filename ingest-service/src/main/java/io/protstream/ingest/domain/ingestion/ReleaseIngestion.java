package io.protstream.ingest.domain.ingestion;

import io.protstream.ingest.domain.Dataset;
import io.protstream.ingest.domain.Reject;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.diff.KnownDigests;
import io.protstream.ingest.domain.diff.ReleaseDiff;
import io.protstream.ingest.domain.diff.ReleaseLedger;
import io.protstream.ingest.domain.diff.SequenceChange;
import io.protstream.ingest.domain.parse.DeletedAccessionsReader;
import io.protstream.ingest.domain.parse.ParseListener;
import io.protstream.ingest.domain.parse.ParseSummary;
import io.protstream.ingest.domain.parse.UniProtReader;
import io.protstream.ingest.domain.sequence.SequenceDigest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Turns one UniProt release into announced changes: parse, diff against the ledger, announce, and
 * only then commit to the ledger.
 *
 * <p>Changes are announced in windows: every change of a window is sent, the window waits for all
 * acknowledgements, then commits them in file order. A crash loses at most the commits of one
 * window; running the release again re-announces exactly those changes, under the same keys
 * (harmless duplicates for a keyed, compacted feed), and ends with the same ledger. Within a
 * window, a digest that needs an embedding is remembered so a second accession with the same
 * sequence does not ask for it again before the first is committed.
 */
public final class ReleaseIngestion {

  /**
   * What to read for one release.
   *
   * @param complete declared complete: the file holds every entry of its dataset, so ledger entries
   *     of that dataset missing from it are deleted
   * @param dataset the dataset the file speaks for; {@code null} to judge from the entries read
   *     (all reviewed: Swiss-Prot; all unreviewed: TrEMBL; both: the whole of UniProtKB)
   */
  public record Release(
      String id,
      String sourceName,
      InputStream entries,
      InputStream deletedAccessions,
      boolean complete,
      Dataset dataset) {

    public Release(
        String id,
        String sourceName,
        InputStream entries,
        InputStream deletedAccessions,
        boolean complete) {
      this(id, sourceName, entries, deletedAccessions, complete, null);
    }
  }

  private final ReleaseLedger ledger;
  private final KnownDigests knownDigests;
  private final UniProtReader reader;
  private final ChangeSink changes;
  private final RejectSink rejects;
  private final int window;
  private final Clock clock;

  public ReleaseIngestion(
      ReleaseLedger ledger,
      KnownDigests knownDigests,
      UniProtReader reader,
      ChangeSink changes,
      RejectSink rejects,
      int window,
      Clock clock) {
    this.ledger = ledger;
    this.knownDigests = knownDigests;
    this.reader = reader;
    this.changes = changes;
    this.rejects = rejects;
    this.window = window;
    this.clock = clock;
  }

  /** Runs the release to the end; progress is visible through {@code progress} while it runs. */
  public ParseSummary run(Release release, IngestionProgress progress) throws IOException {
    progress.start(clock.instant());
    PendingDigests pending = new PendingDigests(knownDigests);
    ReleaseDiff diff = new ReleaseDiff(ledger, pending, release.id());
    Window current = new Window(diff, progress, pending);
    boolean[] seen = new boolean[2]; // [reviewed, unreviewed]
    ParseSummary summary =
        reader.read(
            release.entries(),
            release.sourceName(),
            new ParseListener() {
              @Override
              public void onEntry(UniProtEntry entry) {
                progress.entry();
                seen[entry.reviewed() ? 0 : 1] = true;
                current.enqueue(entry);
              }

              @Override
              public void onReject(Reject reject) {
                progress.reject();
                // acknowledged with the window, like the changes: no round trip per reject
                current.track(rejects.reject(reject, release.id()));
              }
            });
    progress.bytes(summary.bytes());
    current.decideQueued();
    current.flush();
    if (release.deletedAccessions() != null) {
      DeletedAccessionsReader.read(release.deletedAccessions(), current::enqueueDeletion);
      current.decideQueuedDeletions();
      current.flush();
    }
    // absence proves deletion only when the whole release was declared complete and was read to
    // its end, and only within the dataset the file speaks for
    Dataset scope = release.dataset() != null ? release.dataset() : contentScope(seen);
    boolean scoped = release.dataset() != null || seen[0] || seen[1];
    if (release.complete() && summary.complete() && scoped) {
      List<SequenceChange> absent = new ArrayList<>();
      diff.decideAbsent(scope, absent::add);
      for (SequenceChange deletion : absent) {
        current.add(deletion);
        if (current.size() >= window) {
          current.flush();
        }
      }
      current.flush();
    }
    progress.finish(clock.instant());
    return summary;
  }

  /** Swiss-Prot or TrEMBL when the file held only one of them; null (both) otherwise. */
  private static Dataset contentScope(boolean[] seen) {
    if (seen[0] != seen[1]) {
      return Dataset.of(seen[0]);
    }
    return null;
  }

  /** Announced but not yet committed changes, with their acknowledgements. */
  private final class Window {
    private final ReleaseDiff diff;
    private final IngestionProgress progress;
    private final PendingDigests pending;
    private final List<UniProtEntry> queued = new ArrayList<>();
    private final List<String> queuedDeletions = new ArrayList<>();
    private final List<SequenceChange> decided = new ArrayList<>();
    private final List<CompletableFuture<Void>> acks = new ArrayList<>();

    Window(ReleaseDiff diff, IngestionProgress progress, PendingDigests pending) {
      this.diff = diff;
      this.progress = progress;
      this.pending = pending;
    }

    /**
     * Entries are decided a window at a time, after one parallel fetch of what the decisions read.
     */
    void enqueue(UniProtEntry entry) {
      queued.add(entry);
      if (queued.size() >= window) {
        decideQueued();
        flush();
      }
    }

    void decideQueued() {
      if (queued.isEmpty()) {
        return;
      }
      Set<String> accessions = new HashSet<>();
      List<String> digests = new ArrayList<>(queued.size());
      for (UniProtEntry entry : queued) {
        accessions.add(entry.accession());
        accessions.addAll(entry.secondaryAccessions());
        digests.add(SequenceDigest.of(entry.sequence()));
      }
      ledger.prefetch(accessions);
      knownDigests.prefetch(new HashSet<>(digests));
      for (int i = 0; i < queued.size(); i++) {
        diff.decide(queued.get(i), digests.get(i)).forEach(this::add);
      }
      queued.clear();
    }

    /** Deletions from a deleted-accession list, decided and committed a window at a time. */
    void enqueueDeletion(String accession) {
      queuedDeletions.add(accession);
      if (queuedDeletions.size() >= window) {
        decideQueuedDeletions();
        flush();
      }
    }

    void decideQueuedDeletions() {
      if (queuedDeletions.isEmpty()) {
        return;
      }
      ledger.prefetch(new HashSet<>(queuedDeletions));
      for (String accession : queuedDeletions) {
        diff.decideDeletion(accession).ifPresent(this::add);
      }
      queuedDeletions.clear();
    }

    /** An acknowledgement the window waits for before it commits, without a change of its own. */
    void track(CompletionStage<Void> ack) {
      acks.add(ack.toCompletableFuture());
      if (acks.size() >= window) {
        // a file of nothing but rejects must not pile up unbounded acknowledgements; awaited
        // changes are committed by the next flush
        acks.forEach(this::await);
        acks.clear();
      }
    }

    void add(SequenceChange change) {
      decided.add(change);
      if (change.kind().announced()) {
        acks.add(changes.announce(change).toCompletableFuture());
      }
      if (change.needsEmbedding()) {
        pending.remember(change.digest());
      }
    }

    int size() {
      return decided.size();
    }

    void flush() {
      acks.forEach(this::await);
      for (SequenceChange change : decided) {
        diff.commit(change);
        progress.committed(change.kind());
      }
      ledger.flush();
      decided.clear();
      acks.clear();
      pending.clear();
    }

    void await(CompletionStage<Void> ack) {
      try {
        ack.toCompletableFuture().join();
      } catch (CompletionException e) {
        // nothing of this window is committed: a re-run announces it again
        throw new IngestionFailedException(
            "publishing failed; the release can be run again", e.getCause());
      }
    }
  }

  /** Known digests plus those asked for in the current, uncommitted window. */
  private static final class PendingDigests implements KnownDigests {
    private final KnownDigests committed;
    private final Set<String> pending = new HashSet<>();

    PendingDigests(KnownDigests committed) {
      this.committed = committed;
    }

    @Override
    public boolean contains(String digest) {
      return pending.contains(digest) || committed.contains(digest);
    }

    @Override
    public void add(String digest) {
      committed.add(digest);
    }

    void clear() {
      pending.clear();
    }

    void remember(String digest) {
      pending.add(digest);
    }
  }

  /** Raised when an announcement fails; the ledger holds only what was acknowledged before. */
  public static final class IngestionFailedException extends RuntimeException {
    public IngestionFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
