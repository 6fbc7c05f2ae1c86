package io.protstream.predict.domain;

import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.schemas.ResidueParts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts one consumed batch of per-residue parts back together into whole matrices, and says where
 * each partition has to be read again.
 *
 * <p>A matrix whose later parts are not in this batch is left for the next one, and so is
 * everything read after its first part in that partition: the batch commits only up to that first
 * part ({@link Plan#resumeAt()}), so after a restart the matrix is read again from its start, and
 * nothing behind it is published twice. Parts that cannot belong to a whole matrix are refused
 * together with the earlier parts of their matrix, so no part disappears unannounced.
 *
 * <p>The caller holds the pieces from the resume point on and passes them again, followed by the
 * next records of the partition; the same pieces always give the same plan.
 */
public final class MatrixBatch {

  /**
   * One consumed record: the decoded part, or why it could not be decoded.
   *
   * @param partition the partition of the (single) input topic
   */
  public record Piece(int partition, long offset, ResidueEmbeddingEvent part, String undecodable) {

    public static Piece decoded(int partition, long offset, ResidueEmbeddingEvent part) {
      return new Piece(partition, offset, part, null);
    }

    public static Piece undecodable(int partition, long offset, String reason) {
      return new Piece(partition, offset, null, reason);
    }
  }

  /** A whole matrix and the pieces it was made of. */
  public record Whole(ResidueEmbeddingEvent matrix, List<Piece> pieces) {}

  /** Pieces to refuse, all for the same reason. */
  public record Refused(List<Piece> pieces, Refusal refusal) {}

  /**
   * What to do with the pieces.
   *
   * @param resumeAt per partition, the offset to commit and to read again from; partitions not
   *     listed are finished up to the batch's end
   */
  public record Plan(List<Whole> wholes, List<Refused> refused, Map<Integer, Long> resumeAt) {}

  private record MatrixKey(int partition, String digest, Instant createdAt) {}

  private final long maxHeldBytes;

  /**
   * @param maxHeldBytes bound on the bytes of incomplete matrices held, and on the bytes read
   *     behind an incomplete matrix before its missing parts are given up on
   */
  public MatrixBatch(long maxHeldBytes) {
    this.maxHeldBytes = maxHeldBytes;
  }

  public Plan plan(List<Piece> pieces) {
    ResidueParts.Assembler assembler = new ResidueParts.Assembler(maxHeldBytes);
    Map<MatrixKey, List<Piece>> open = new LinkedHashMap<>();
    List<Whole> wholes = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    for (Piece piece : pieces) {
      if (piece.part() == null) {
        refused.add(new Refused(List.of(piece), new Refusal(Refusal.DECODE, piece.undecodable())));
        continue;
      }
      ResidueEmbeddingEvent part = piece.part();
      MatrixKey key =
          new MatrixKey(piece.partition(), part.getSequenceDigest(), part.getCreatedAt());
      if (part.getPart() == 0 && open.containsKey(key)) {
        refused.add(
            new Refused(
                open.remove(key),
                new Refusal(
                    Refusal.ASSEMBLE,
                    "matrix "
                        + part.getSequenceDigest()
                        + " started again before its parts were complete")));
      }
      ResidueEmbeddingEvent whole;
      try {
        whole = assembler.add(part);
      } catch (ResidueParts.InvalidPartException e) {
        List<Piece> abandoned = new ArrayList<>(open.getOrDefault(key, List.of()));
        open.remove(key);
        abandoned.add(piece);
        refused.add(new Refused(abandoned, new Refusal(Refusal.ASSEMBLE, e.getMessage())));
        continue;
      }
      List<Piece> collected = open.computeIfAbsent(key, k -> new ArrayList<>());
      collected.add(piece);
      if (whole != null) {
        open.remove(key);
        wholes.add(new Whole(whole, collected));
      }
    }
    refuseOverdue(pieces, open, refused);
    Map<Integer, Long> resumeAt = new HashMap<>();
    for (List<Piece> incomplete : open.values()) {
      Piece first = incomplete.get(0);
      resumeAt.merge(first.partition(), first.offset(), Math::min);
    }
    moveBackPastStraddlers(wholes, refused, resumeAt);
    return new Plan(
        wholes.stream().filter(w -> before(w.pieces(), resumeAt)).toList(),
        refused.stream().filter(r -> before(r.pieces(), resumeAt)).toList(),
        Map.copyOf(resumeAt));
  }

  /**
   * A writer sends all parts of a matrix in one transaction, so once more than {@code maxHeldBytes}
   * of later records of the same partition have been read, the missing parts are not coming: the
   * matrix is refused rather than held (and everything behind it with it) for ever.
   */
  private void refuseOverdue(
      List<Piece> pieces, Map<MatrixKey, List<Piece>> open, List<Refused> refused) {
    var entries = open.entrySet().iterator();
    while (entries.hasNext()) {
      List<Piece> incomplete = entries.next().getValue();
      Piece last = incomplete.get(incomplete.size() - 1);
      long laterBytes = 0;
      int laterRecords = 0;
      for (Piece p : pieces) {
        if (p.partition() == last.partition() && p.offset() > last.offset()) {
          laterBytes += p.part() == null ? 0 : p.part().getResidues().remaining();
          laterRecords++;
        }
      }
      if (laterBytes > maxHeldBytes) {
        ResidueEmbeddingEvent part = last.part();
        refused.add(
            new Refused(
                incomplete,
                new Refusal(
                    Refusal.ASSEMBLE,
                    "parts "
                        + (part.getPart() + 1)
                        + ".."
                        + (part.getPartCount() - 1)
                        + " of matrix "
                        + part.getSequenceDigest()
                        + " missing after "
                        + laterRecords
                        + " later records")));
        entries.remove();
      }
    }
  }

  /**
   * A matrix that began before the resume point and ended after it would be cut in two by the
   * rewind; the resume point moves back to its first part until no matrix straddles it.
   */
  private static void moveBackPastStraddlers(
      List<Whole> wholes, List<Refused> refused, Map<Integer, Long> resumeAt) {
    List<List<Piece>> spans = new ArrayList<>();
    wholes.forEach(w -> spans.add(w.pieces()));
    refused.forEach(r -> spans.add(r.pieces()));
    boolean moved = true;
    while (moved) {
      moved = false;
      for (List<Piece> span : spans) {
        Long resume = resumeAt.get(span.get(0).partition());
        if (resume == null) {
          continue;
        }
        long first = span.stream().mapToLong(Piece::offset).min().orElseThrow();
        long last = span.stream().mapToLong(Piece::offset).max().orElseThrow();
        if (first < resume && last >= resume) {
          resumeAt.put(span.get(0).partition(), first);
          moved = true;
        }
      }
    }
  }

  private static boolean before(List<Piece> span, Map<Integer, Long> resumeAt) {
    Long resume = resumeAt.get(span.get(0).partition());
    return resume == null || span.stream().allMatch(p -> p.offset() < resume);
  }
}
