package io.protstream.embed.domain;

import static io.protstream.embed.domain.EmbeddingWork.Decision.EMBED;
import static io.protstream.embed.domain.EmbeddingWork.Decision.SKIP_ALREADY_EMBEDDED;
import static io.protstream.embed.domain.EmbeddingWork.Decision.SKIP_NO_NEW_SEQUENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.protstream.events.ChangeKind;
import org.junit.jupiter.api.Test;

class EmbeddingWorkTest {

  @Test
  void newAndChangedSequencesAreEmbeddedOncePerDigest() {
    assertEquals(EMBED, EmbeddingWork.decide(ChangeKind.NEW, false, "MKV"));
    assertEquals(EMBED, EmbeddingWork.decide(ChangeKind.SEQUENCE_CHANGED, false, "MKV"));
    assertEquals(SKIP_ALREADY_EMBEDDED, EmbeddingWork.decide(ChangeKind.NEW, true, "MKV"));
  }

  @Test
  void eventsWithoutANewSequenceAreSkipped() {
    assertEquals(
        SKIP_NO_NEW_SEQUENCE, EmbeddingWork.decide(ChangeKind.ANNOTATION_ONLY, false, "MKV"));
    assertEquals(SKIP_NO_NEW_SEQUENCE, EmbeddingWork.decide(ChangeKind.DELETED, false, null));
    assertEquals(SKIP_NO_NEW_SEQUENCE, EmbeddingWork.decide(ChangeKind.MERGED, false, null));
    assertEquals(SKIP_NO_NEW_SEQUENCE, EmbeddingWork.decide(ChangeKind.NEW, false, ""));
  }
}
