package io.protstream.index.domain;

/** Where an accession stands in the latest release that mentioned it. */
public enum EntryState {
  LIVE,
  /** Withdrawn; answers 410 with the release that removed it. */
  DELETED,
  /** Now a secondary accession of another entry; answers 301 to it. */
  MERGED
}
