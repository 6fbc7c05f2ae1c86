package io.protstream.index.storage;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

/**
 * Reads a bucket's {@code map<text, blob>} cell in the native protocol's serialized form (an int
 * count, then per entry an int length and the key's UTF-8 bytes, an int length and the value),
 * without the driver building a map of its own: a query reads thousands of entries, and the
 * allocation of a decoded map per bucket costs more than the distances computed from it.
 */
final class BucketCells {

  private BucketCells() {}

  /**
   * Calls {@code entry} with views of each digest's UTF-8 bytes and of its sketch bytes (decoding
   * is the caller's: most entries of a query are dropped before their digest is needed); a null
   * cell (an empty bucket) has none.
   *
   * @throws IllegalStateException when the cell is not a well-formed map of that shape
   */
  static void forEach(ByteBuffer serialized, BiConsumer<ByteBuffer, ByteBuffer> entry) {
    if (serialized == null) {
      return;
    }
    ByteBuffer bytes = serialized.duplicate();
    try {
      int count = bytes.getInt();
      // each entry takes at least its two length fields: a count beyond that is corrupt
      if (count < 0 || count > bytes.remaining() / 8) {
        throw new IllegalStateException("bucket map claims " + count + " entries");
      }
      for (int i = 0; i < count; i++) {
        ByteBuffer key = slice(bytes);
        ByteBuffer value = slice(bytes);
        if (key == null) {
          throw new IllegalStateException("bucket map entry without a digest");
        }
        entry.accept(key, value);
      }
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("bucket map cut short", e);
    }
  }

  /** The next length-prefixed element (null for a negative length), advancing past it. */
  private static ByteBuffer slice(ByteBuffer bytes) {
    int length = bytes.getInt();
    if (length < 0) {
      return null;
    }
    if (length > bytes.remaining()) {
      throw new BufferUnderflowException();
    }
    ByteBuffer element = bytes.slice(bytes.position(), length);
    bytes.position(bytes.position() + length);
    return element;
  }
}
