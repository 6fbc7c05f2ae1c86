package io.protstream.index.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketCellsTest {

  /** A map in the native protocol's form, written out by hand: count, then length-prefixed. */
  private static ByteBuffer serialized(int count, Object... elements) {
    ByteBuffer bytes = ByteBuffer.allocate(256);
    bytes.putInt(count);
    for (Object element : elements) {
      byte[] raw =
          element instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) element;
      bytes.putInt(raw.length);
      bytes.put(raw);
    }
    return bytes.flip();
  }

  @Test
  void everyEntryComesOutWithItsValueBytes() {
    List<String> seen = new ArrayList<>();
    BucketCells.forEach(
        serialized(2, "d1", new byte[] {1, 2, 3}, "d2", new byte[] {9}),
        (digest, value) -> {
          byte[] v = new byte[value.remaining()];
          value.get(v);
          seen.add(StandardCharsets.UTF_8.decode(digest) + "=" + java.util.Arrays.toString(v));
        });
    assertEquals(List.of("d1=[1, 2, 3]", "d2=[9]"), seen);
  }

  @Test
  void anEmptyBucketHasNoEntries() {
    List<String> seen = new ArrayList<>();
    BucketCells.forEach(null, (d, v) -> seen.add(d.toString()));
    BucketCells.forEach(serialized(0), (d, v) -> seen.add(d.toString()));
    assertEquals(List.of(), seen);
  }

  @Test
  void aCountBeyondTheBytesIsRefusedBeforeAnythingIsRead() {
    // 1,000,000 entries cannot fit in the 8 bytes that follow the count
    ByteBuffer bytes = serialized(1_000_000, "d1", new byte[] {1});
    assertThrows(IllegalStateException.class, () -> BucketCells.forEach(bytes, (d, v) -> {}));
  }

  @Test
  void aLengthBeyondTheBytesIsRefused() {
    ByteBuffer bytes = ByteBuffer.allocate(12).putInt(1).putInt(2).putInt(500).flip();
    assertThrows(IllegalStateException.class, () -> BucketCells.forEach(bytes, (d, v) -> {}));
  }
}
