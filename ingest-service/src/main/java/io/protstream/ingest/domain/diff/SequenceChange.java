package io.protstream.ingest.domain.diff;

import io.protstream.ingest.domain.UniProtEntry;

/**
 * One decision of the release diff.
 *
 * @param kind what happened
 * @param accession the accession the change is about (the old accession for {@code MERGED})
 * @param release the release being processed
 * @param entry the current entry; {@code null} for {@code DELETED}; for {@code MERGED} the entry
 *     that absorbed the accession
 * @param digest the digest of {@code entry}'s sequence, {@code null} when there is no entry
 * @param previous the ledger's state before this release, {@code null} for {@code NEW}
 * @param mergedInto the absorbing entry's primary accession for {@code MERGED}, else {@code null}
 * @param digestAlreadyKnown whether {@code digest} already had an embedding (or one was already
 *     asked for) when the change was decided; only meaningful for kinds that carry a new sequence
 */
public record SequenceChange(
    ChangeKind kind,
    String accession,
    String release,
    UniProtEntry entry,
    String digest,
    LedgerEntry previous,
    String mergedInto,
    boolean digestAlreadyKnown) {

  /** Whether downstream has to compute an embedding for this change. */
  public boolean needsEmbedding() {
    return kind.carriesNewSequence() && !digestAlreadyKnown;
  }
}
