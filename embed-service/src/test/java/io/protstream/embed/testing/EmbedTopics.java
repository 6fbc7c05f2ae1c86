package io.protstream.embed.testing;

import io.protstream.events.ChangeKind;
import io.protstream.events.SequenceEvent;
import io.protstream.schemas.serde.SequenceEventSerializer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Sequence events as ingest-service writes them, for tests. */
public final class EmbedTopics {

  private EmbedTopics() {}

  /** SHA-256 of the UTF-8 sequence, lower-case hex (as the sequence event schema defines it). */
  public static String digest(String sequence) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(sequence.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] sequenceEvent(
      String accession, ChangeKind kind, String sequence, boolean embeddingExists) {
    SequenceEvent event =
        SequenceEvent.newBuilder()
            .setAccession(accession)
            .setReleaseId("test")
            .setChangeKind(kind)
            .setSequence(sequence)
            .setLength(sequence == null ? 0 : sequence.length())
            .setSequenceDigest(sequence == null ? null : digest(sequence))
            .setEmbeddingExists(embeddingExists)
            .setEventTime(Instant.now())
            .build();
    return new SequenceEventSerializer().serialize("test", event);
  }
}
