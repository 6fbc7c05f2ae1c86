package io.protstream.predict.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.predict.domain.MatrixBatch.Piece;
import io.protstream.schemas.ResidueParts;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole matrices from parts, and where a partition must be read again. */
class MatrixBatchTest {

  private static final int D = 2;
  private static final int ROW_BYTES = 2 * D;
  private final MatrixBatch batch = new MatrixBatch(1 << 20);

  @Test
  void aSinglePartIsAWholeMatrix() {
    ResidueEmbeddingEvent whole = matrix("a", 3);

    MatrixBatch.Plan plan = batch.plan(List.of(Piece.decoded(0, 7, whole)));

    assertEquals(1, plan.wholes().size());
    assertEquals(whole, plan.wholes().get(0).matrix());
    assertEquals(Map.of(), plan.resumeAt());
  }

  @Test
  void partsInOrderGiveTheMatrixBackByteForByte() {
    ResidueEmbeddingEvent whole = matrix("a", 5);
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(whole, 2 * ROW_BYTES);
    assertEquals(3, parts.size());

    MatrixBatch.Plan plan = batch.plan(pieces(0, 10, parts));

    assertEquals(1, plan.wholes().size());
    assertArrayEquals(bytes(whole), bytes(plan.wholes().get(0).matrix()));
    assertEquals(3, plan.wholes().get(0).pieces().size());
    assertEquals(Map.of(), plan.resumeAt());
  }

  @Test
  void anIncompleteMatrixHoldsBackItsPartitionFromItsFirstPart() {
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(matrix("a", 3), ROW_BYTES);
    ResidueEmbeddingEvent other = matrix("b", 2);
    ResidueEmbeddingEvent elsewhere = matrix("c", 2);
    List<Piece> first =
        List.of(
            Piece.decoded(0, 5, parts.get(0)),
            Piece.decoded(0, 6, parts.get(1)),
            Piece.decoded(0, 7, other),
            Piece.decoded(1, 3, elsewhere));

    MatrixBatch.Plan held = batch.plan(first);

    // b follows a's first part: publishing it now would publish it again after a restart at 5
    assertEquals(List.of("c"), digests(held));
    assertEquals(Map.of(0, 5L), held.resumeAt());

    List<Piece> again = new ArrayList<>(first.subList(0, 3));
    again.add(Piece.decoded(0, 8, parts.get(2)));
    MatrixBatch.Plan done = batch.plan(again);

    assertEquals(List.of("b", "a"), digests(done));
    assertEquals(Map.of(), done.resumeAt());
  }

  @Test
  void theResumePointMovesBackPastAMatrixItWouldCut() {
    List<ResidueEmbeddingEvent> a = ResidueParts.split(matrix("a", 2), ROW_BYTES);
    List<ResidueEmbeddingEvent> b = ResidueParts.split(matrix("b", 2), ROW_BYTES);
    // two writers interleaved: a0 b0 a1, b1 not read yet
    MatrixBatch.Plan plan =
        batch.plan(
            List.of(
                Piece.decoded(0, 10, a.get(0)),
                Piece.decoded(0, 11, b.get(0)),
                Piece.decoded(0, 12, a.get(1))));

    assertEquals(List.of(), plan.wholes());
    assertEquals(Map.of(0, 10L), plan.resumeAt());
  }

  @Test
  void aPartWithoutItsEarlierPartsIsRefused() {
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(matrix("a", 3), ROW_BYTES);

    MatrixBatch.Plan plan = batch.plan(List.of(Piece.decoded(0, 4, parts.get(1))));

    assertEquals(1, plan.refused().size());
    assertEquals(Refusal.ASSEMBLE, plan.refused().get(0).refusal().stage());
    assertTrue(plan.refused().get(0).refusal().reason().contains("without its earlier parts"));
    assertEquals(Map.of(), plan.resumeAt());
  }

  @Test
  void anInconsistentPartIsRefusedWithTheEarlierPartsOfItsMatrix() {
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(matrix("a", 3), ROW_BYTES);
    ResidueEmbeddingEvent skipped = parts.get(2); // part 2 right after part 0

    MatrixBatch.Plan plan =
        batch.plan(List.of(Piece.decoded(0, 1, parts.get(0)), Piece.decoded(0, 2, skipped)));

    assertEquals(1, plan.refused().size());
    assertEquals(
        List.of(1L, 2L), plan.refused().get(0).pieces().stream().map(Piece::offset).toList());
    assertEquals(Map.of(), plan.resumeAt());
  }

  @Test
  void undecodableRecordsAreRefusedAndDoNotStopTheOthers() {
    MatrixBatch.Plan plan =
        batch.plan(
            List.of(Piece.undecodable(0, 1, "BAD_MAGIC"), Piece.decoded(0, 2, matrix("a", 1))));

    assertEquals(List.of("a"), digests(plan));
    assertEquals(new Refusal(Refusal.DECODE, "BAD_MAGIC"), plan.refused().get(0).refusal());
  }

  @Test
  void missingPartsAreGivenUpOnOnceMoreThanTheHeldBoundWasReadBehindThem() {
    MatrixBatch small = new MatrixBatch(3 * ROW_BYTES);
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(matrix("a", 3), ROW_BYTES);
    List<Piece> pieces = new ArrayList<>();
    pieces.add(Piece.decoded(0, 0, parts.get(0)));
    for (int i = 1; i <= 4; i++) {
      pieces.add(Piece.decoded(0, i, matrix("later" + i, 1)));
    }

    MatrixBatch.Plan plan = small.plan(pieces);

    assertEquals(1, plan.refused().size());
    assertTrue(plan.refused().get(0).refusal().reason().contains("missing"));
    assertEquals(4, plan.wholes().size());
    assertEquals(Map.of(), plan.resumeAt());
  }

  private static List<Piece> pieces(
      int partition, long firstOffset, List<ResidueEmbeddingEvent> parts) {
    List<Piece> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      out.add(Piece.decoded(partition, firstOffset + i, parts.get(i)));
    }
    return out;
  }

  private static List<String> digests(MatrixBatch.Plan plan) {
    return plan.wholes().stream().map(w -> w.matrix().getSequenceDigest().toString()).toList();
  }

  private static byte[] bytes(ResidueEmbeddingEvent e) {
    ByteBuffer b = e.getResidues().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static ResidueEmbeddingEvent matrix(String digest, int rows) {
    byte[] residues = new byte[rows * ROW_BYTES];
    for (int i = 0; i < residues.length; i++) {
      residues[i] = (byte) (i * 7 + digest.hashCode());
    }
    return ResidueEmbeddingEvent.newBuilder()
        .setSequenceDigest(digest)
        .setModelId("m")
        .setLength(rows)
        .setDimension(D)
        .setResidues(ByteBuffer.wrap(residues))
        .setCreatedAt(Instant.parse("2025-02-05T00:00:00Z"))
        .build();
  }
}
