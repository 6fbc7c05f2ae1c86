package io.protstream.ingest.domain.diff;

/** How an accession changed between the ledger and the current release. */
public enum ChangeKind {
  /** An accession the ledger has never seen. */
  NEW(true, true),
  /** The sequence differs from the one in the ledger. */
  SEQUENCE_CHANGED(true, true),
  /** Same sequence, new entry or sequence version: announced, nothing to embed. */
  ANNOTATION_ONLY(true, false),
  /** Nothing to announce; committing it only records that the release contained the accession. */
  UNCHANGED(false, false),
  /** The accession was withdrawn. */
  DELETED(true, false),
  /** The accession became a secondary accession of another entry. */
  MERGED(true, false);

  private final boolean announced;
  private final boolean carriesNewSequence;

  ChangeKind(boolean announced, boolean carriesNewSequence) {
    this.announced = announced;
    this.carriesNewSequence = carriesNewSequence;
  }

  /** Whether the change is published downstream. */
  public boolean announced() {
    return announced;
  }

  /** Whether the change brings a sequence that may need an embedding. */
  public boolean carriesNewSequence() {
    return carriesNewSequence;
  }
}
