package io.protstream.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.schemas.serde.EventCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResiduePartsTest {

  private static final int D = 4;

  /** A 10 x 4 matrix whose byte k is k mod 251, so any misplaced row shows. */
  private static ResidueEmbeddingEvent whole(int length) {
    byte[] bytes = new byte[2 * length * D];
    for (int k = 0; k < bytes.length; k++) {
      bytes[k] = (byte) (k % 251);
    }
    return ResidueEmbeddingEvent.newBuilder(EventFixtures.residueEmbedding())
        .setLength(length)
        .setDimension(D)
        .setResidues(ByteBuffer.wrap(bytes))
        .build();
  }

  private static byte[] bytesOf(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  @Test
  void splitsIntoWholeRowsInOrder() {
    // 10 rows of 8 bytes, at most 24 bytes a part: 3 rows, 3 rows, 3 rows, 1 row
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(whole(10), 24);
    assertEquals(4, parts.size());
    int[] firstRows = {0, 3, 6, 9};
    int[] sizes = {24, 24, 24, 8};
    for (int p = 0; p < 4; p++) {
      ResidueEmbeddingEvent part = parts.get(p);
      assertEquals(p, part.getPart());
      assertEquals(4, part.getPartCount());
      assertEquals(firstRows[p], part.getFirstRow());
      assertEquals(10, part.getLength());
      assertEquals(sizes[p], part.getResidues().remaining());
      // first byte of row r is (r * 8) mod 251
      assertEquals((byte) (firstRows[p] * 8), part.getResidues().duplicate().get());
    }
  }

  @Test
  void aMatrixThatFitsStaysOnePart() {
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(whole(10), 1 << 20);
    assertEquals(1, parts.size());
    assertEquals(1, parts.get(0).getPartCount());
    assertEquals(80, parts.get(0).getResidues().remaining());
  }

  @Test
  void partsSurviveEncodingAndReassembleBitExactly() {
    ResidueEmbeddingEvent original = whole(10);
    EventCodec<ResidueEmbeddingEvent> codec = new EventCodec<>(ResidueEmbeddingEvent.class);
    ResidueParts.Assembler assembler = new ResidueParts.Assembler(1 << 20);
    ResidueEmbeddingEvent result = null;
    for (ResidueEmbeddingEvent part : ResidueParts.split(original, 24)) {
      assertNull(result, "complete before the last part");
      result = assembler.add(codec.decode(codec.encode(part)));
    }
    assertEquals(0, assembler.incomplete());
    assertEquals(1, result.getPartCount());
    assertEquals(10, result.getLength());
    assertArrayEquals(bytesOf(original.getResidues()), bytesOf(result.getResidues()));
  }

  @Test
  void singlePartPassesThrough() {
    ResidueEmbeddingEvent one = whole(3);
    assertSame(one, new ResidueParts.Assembler(1 << 20).add(one));
  }

  @Test
  void aMissingFirstPartIsRefused() {
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(whole(10), 24);
    ResidueParts.Assembler assembler = new ResidueParts.Assembler(1 << 20);
    var e =
        assertThrows(ResidueParts.InvalidPartException.class, () -> assembler.add(parts.get(1)));
    assertTrue(e.getMessage().contains("without its earlier parts"), e.getMessage());
  }

  @Test
  void aSkippedPartIsRefusedAndTheMatrixDropped() {
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(whole(10), 24);
    ResidueParts.Assembler assembler = new ResidueParts.Assembler(1 << 20);
    assembler.add(parts.get(0));
    assertThrows(ResidueParts.InvalidPartException.class, () -> assembler.add(parts.get(2)));
    assertEquals(0, assembler.incomplete());
  }

  @Test
  void partsOfTwoCopiesOfOneDigestDoNotMix() {
    ResidueEmbeddingEvent a = whole(10);
    ResidueEmbeddingEvent b =
        ResidueEmbeddingEvent.newBuilder(a)
            .setCreatedAt(Instant.parse("2030-01-01T00:00:00Z"))
            .build();
    List<ResidueEmbeddingEvent> pa = ResidueParts.split(a, 40);
    List<ResidueEmbeddingEvent> pb = ResidueParts.split(b, 40);
    ResidueParts.Assembler assembler = new ResidueParts.Assembler(1 << 20);
    assertNull(assembler.add(pa.get(0)));
    assertNull(assembler.add(pb.get(0)));
    assertEquals(2, assembler.incomplete());
    assertEquals(a.getCreatedAt(), assembler.add(pa.get(1)).getCreatedAt());
    assertEquals(b.getCreatedAt(), assembler.add(pb.get(1)).getCreatedAt());
  }

  @Test
  void payloadThatIsNotWholeRowsIsRefused() {
    ResidueEmbeddingEvent bad =
        ResidueEmbeddingEvent.newBuilder(whole(10))
            .setPartCount(2)
            .setResidues(ByteBuffer.allocate(7))
            .build();
    assertThrows(
        ResidueParts.InvalidPartException.class,
        () -> new ResidueParts.Assembler(1 << 20).add(bad));
  }

  @Test
  void aMatrixLargerThanTheHoldingBoundIsRefused() {
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(whole(10), 24);
    // the whole matrix is 80 bytes
    ResidueParts.Assembler assembler = new ResidueParts.Assembler(79);
    assertThrows(ResidueParts.InvalidPartException.class, () -> assembler.add(parts.get(0)));
  }

  @Test
  void splittingAPartIsRefused() {
    ResidueEmbeddingEvent part = ResidueParts.split(whole(10), 24).get(1);
    assertThrows(IllegalArgumentException.class, () -> ResidueParts.split(part, 24));
  }
}
