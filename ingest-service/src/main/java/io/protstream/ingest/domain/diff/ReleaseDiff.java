package io.protstream.ingest.domain.diff;

import io.protstream.ingest.domain.CuratedAnnotations;
import io.protstream.ingest.domain.Dataset;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.sequence.SequenceDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides, entry by entry, what a release changes relative to the {@link ReleaseLedger}, and
 * records a decision in the ledger only when {@link #commit} is called.
 *
 * <p>Deciding and committing are separate so the caller can commit a change after it has been
 * announced. A release interrupted at any point and run again then ends with the same ledger:
 * changes that were committed are not decided again (the ledger already holds their outcome), and
 * changes that were announced but not committed are decided and announced again, identically, keyed
 * by the same accession.
 *
 * <p>Rules, for an entry with primary accession A and sequence digest D:
 *
 * <ul>
 *   <li>A not in the ledger: {@code NEW}.
 *   <li>A in the ledger with another digest: {@code SEQUENCE_CHANGED}.
 *   <li>Same digest, and a different entry or sequence version or different curated annotations
 *       ({@link io.protstream.ingest.domain.CuratedAnnotations#digest()}): {@code ANNOTATION_ONLY}.
 *       An input without entry versions and annotations (FASTA) cannot show annotation changes and
 *       never yields this kind.
 *   <li>Otherwise {@code UNCHANGED}, committed only to stamp the release on the ledger entry.
 *   <li>Each secondary accession S of the entry that the ledger holds as a primary accession, not
 *       seen as a primary in this release: {@code MERGED} into A.
 * </ul>
 *
 * <p>Deletions come from UniProt's deleted-accession lists ({@link #decideDeletion}) or, after a
 * <em>complete</em> release, from absence ({@link #decideAbsent}): every ledger accession not
 * stamped with this release. "Complete" means every file the ledger covers was read to its end;
 * absence in a partial or truncated release proves nothing.
 *
 * <p>{@code digestAlreadyKnown} tells whether D had been committed before, by any accession. A
 * digest becomes known when a change that carries it is committed, so two accessions with one
 * sequence in the same release ask for one embedding when each change is committed before the next
 * is decided; with commits batched, both may ask, which costs a duplicate embedding and loses
 * nothing.
 */
public final class ReleaseDiff {

  private final ReleaseLedger ledger;
  private final KnownDigests knownDigests;
  private final String release;

  public ReleaseDiff(ReleaseLedger ledger, KnownDigests knownDigests, String release) {
    this.ledger = Objects.requireNonNull(ledger);
    this.knownDigests = Objects.requireNonNull(knownDigests);
    this.release = Objects.requireNonNull(release);
  }

  public String release() {
    return release;
  }

  /** The changes one entry of the release brings: its own change first, then any merges. */
  public List<SequenceChange> decide(UniProtEntry entry) {
    return decide(entry, SequenceDigest.of(entry.sequence()));
  }

  /**
   * As {@link #decide(UniProtEntry)}, for callers that already hold the entry's sequence digest.
   */
  public List<SequenceChange> decide(UniProtEntry entry, String digest) {
    List<SequenceChange> changes = new ArrayList<>(1);
    changes.add(ownChange(entry, digest));
    for (String secondary : entry.secondaryAccessions()) {
      if (secondary.equals(entry.accession())) {
        continue;
      }
      ledger
          .get(secondary)
          .filter(absorbed -> !release.equals(absorbed.lastRelease()))
          .ifPresent(
              absorbed ->
                  changes.add(
                      new SequenceChange(
                          ChangeKind.MERGED,
                          secondary,
                          release,
                          entry,
                          digest,
                          absorbed,
                          entry.accession(),
                          knownDigests.contains(digest))));
    }
    return changes;
  }

  private SequenceChange ownChange(UniProtEntry entry, String digest) {
    Optional<LedgerEntry> known = ledger.get(entry.accession());
    boolean digestKnown = knownDigests.contains(digest);
    if (known.isEmpty()) {
      return change(ChangeKind.NEW, entry, digest, null, digestKnown);
    }
    LedgerEntry previous = known.get();
    if (!previous.digest().equals(digest)) {
      return change(ChangeKind.SEQUENCE_CHANGED, entry, digest, previous, digestKnown);
    }
    boolean entryVersionChanged =
        entry.entryVersion() != 0 && entry.entryVersion() != previous.entryVersion();
    boolean sequenceVersionChanged =
        entry.sequenceVersion() != 0 && entry.sequenceVersion() != previous.sequenceVersion();
    ChangeKind kind =
        entryVersionChanged || sequenceVersionChanged || curatedChanged(entry, previous)
            ? ChangeKind.ANNOTATION_ONLY
            : ChangeKind.UNCHANGED;
    return change(kind, entry, digest, previous, true);
  }

  /** A ledger row without an annotation digest stands for an entry announced without any. */
  private static boolean curatedChanged(UniProtEntry entry, LedgerEntry previous) {
    if (entry.curated() == null) {
      return false;
    }
    String before =
        previous.annotationDigest() != null
            ? previous.annotationDigest()
            : CuratedAnnotations.NONE.digest();
    return !entry.curated().digest().equals(before);
  }

  private SequenceChange change(
      ChangeKind kind, UniProtEntry entry, String digest, LedgerEntry previous, boolean known) {
    return new SequenceChange(
        kind, entry.accession(), release, entry, digest, previous, null, known);
  }

  /**
   * The deletion of an accession named in a deleted-accession list, if the ledger still tracks it
   * and the current release did not contain it.
   */
  public Optional<SequenceChange> decideDeletion(String accession) {
    return ledger
        .get(accession)
        .filter(previous -> !release.equals(previous.lastRelease()))
        .map(this::deletion);
  }

  /**
   * Deletions by absence: every ledger accession the current release did not contain. Call only
   * after all entries of a complete release were decided and committed.
   */
  public void decideAbsent(Consumer<SequenceChange> deletions) {
    decideAbsent(null, deletions);
  }

  /**
   * Deletions by absence within one dataset: a complete Swiss-Prot file says nothing about TrEMBL
   * entries, and the other way round. {@code scope} null: the release covers both. A ledger row
   * that does not know its dataset is never deleted by a scoped release.
   */
  public void decideAbsent(Dataset scope, Consumer<SequenceChange> deletions) {
    ledger.forEach(
        previous -> {
          if (!release.equals(previous.lastRelease()) && inScope(scope, previous)) {
            deletions.accept(deletion(previous));
          }
        });
  }

  private static boolean inScope(Dataset scope, LedgerEntry previous) {
    return scope == null || previous.reviewed() != null && Dataset.of(previous.reviewed()) == scope;
  }

  private SequenceChange deletion(LedgerEntry previous) {
    return new SequenceChange(
        ChangeKind.DELETED, previous.accession(), release, null, null, previous, null, false);
  }

  /** Records a decided change in the ledger; call it once the change has been announced. */
  public void commit(SequenceChange change) {
    switch (change.kind()) {
      case NEW, SEQUENCE_CHANGED, ANNOTATION_ONLY, UNCHANGED -> {
        UniProtEntry entry = change.entry();
        LedgerEntry previous = change.previous();
        // A format without versions (FASTA) keeps the versions a richer format recorded.
        int entryVersion =
            entry.entryVersion() != 0 || previous == null
                ? entry.entryVersion()
                : previous.entryVersion();
        int sequenceVersion =
            entry.sequenceVersion() != 0 || previous == null
                ? entry.sequenceVersion()
                : previous.sequenceVersion();
        // and the annotations a richer format recorded
        String annotationDigest =
            entry.curated() != null
                ? entry.curated().digest()
                : previous == null ? null : previous.annotationDigest();
        ledger.put(
            new LedgerEntry(
                entry.accession(),
                change.digest(),
                sequenceVersion,
                entryVersion,
                release,
                annotationDigest,
                entry.reviewed()));
        if (change.kind().carriesNewSequence()) {
          knownDigests.add(change.digest());
        }
      }
      case DELETED, MERGED -> ledger.remove(change.accession());
    }
  }

  /** Decides and commits one entry at once, for callers that announce synchronously. */
  public List<SequenceChange> apply(UniProtEntry entry) {
    List<SequenceChange> changes = decide(entry);
    changes.forEach(this::commit);
    return changes;
  }
}
