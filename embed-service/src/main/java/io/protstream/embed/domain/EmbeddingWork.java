package io.protstream.embed.domain;

import io.protstream.events.ChangeKind;

/**
 * Which sequence events need the encoder. Only new or changed sequences do, and only once per
 * distinct sequence: ingest marks events whose digest already has an embedding, and annotation-only
 * changes, deletions and merges carry no new sequence.
 */
public final class EmbeddingWork {

  /** What to do with one sequence event. */
  public enum Decision {
    EMBED,
    SKIP_ALREADY_EMBEDDED,
    SKIP_NO_NEW_SEQUENCE
  }

  private EmbeddingWork() {}

  public static Decision decide(ChangeKind kind, boolean embeddingExists, String sequence) {
    boolean carriesNewSequence =
        (kind == ChangeKind.NEW || kind == ChangeKind.SEQUENCE_CHANGED)
            && sequence != null
            && !sequence.isEmpty();
    if (!carriesNewSequence) {
      return Decision.SKIP_NO_NEW_SEQUENCE;
    }
    return embeddingExists ? Decision.SKIP_ALREADY_EMBEDDED : Decision.EMBED;
  }
}
