package io.protstream.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding over one byte array that checks every length and count against the bytes
 * left before allocating anything. Avro's own decoder trusts lengths, so a corrupt record could ask
 * for a 2 GiB string and take the consumer down with an OutOfMemoryError; here it is a {@link
 * MalformedException} instead.
 *
 * <p>Counts of array and map items are bounded by the bytes left, which holds because no item type
 * in the event schemas encodes to zero bytes (no arrays of null or of empty records).
 */
final class BoundedBinaryDecoder extends Decoder {

  /** The bytes contradict the schema; distinct from {@link EOFException} (truncation). */
  static final class MalformedException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private final byte[] buf;
  private int pos;
  private final int limit;

  BoundedBinaryDecoder(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
  }

  int remaining() {
    return limit - pos;
  }

  private void require(long n) throws IOException {
    if (n > limit - pos) {
      throw new EOFException("needs " + n + " more bytes, " + (limit - pos) + " left");
    }
  }

  private int readLength() throws IOException {
    long n = readLong();
    if (n < 0) {
      throw new MalformedException("negative length " + n);
    }
    require(n);
    return (int) n;
  }

  @Override
  public void readNull() {}

  @Override
  public boolean readBoolean() throws IOException {
    require(1);
    byte b = buf[pos++];
    if (b == 0) {
      return false;
    }
    if (b == 1) {
      return true;
    }
    throw new MalformedException("boolean byte " + b);
  }

  @Override
  public int readInt() throws IOException {
    long v = readLong();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new MalformedException("int out of range " + v);
    }
    return (int) v;
  }

  @Override
  public long readLong() throws IOException {
    long raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      require(1);
      int b = buf[pos++] & 0xFF;
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1); // zig-zag
      }
    }
    throw new MalformedException("varint longer than 10 bytes");
  }

  @Override
  public float readFloat() throws IOException {
    require(4);
    int bits =
        (buf[pos] & 0xFF)
            | (buf[pos + 1] & 0xFF) << 8
            | (buf[pos + 2] & 0xFF) << 16
            | (buf[pos + 3] & 0xFF) << 24;
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  @Override
  public double readDouble() throws IOException {
    require(8);
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = (bits << 8) | (buf[pos + i] & 0xFF);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int n = readLength();
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(n);
    System.arraycopy(buf, pos, result.getBytes(), 0, n);
    pos += n;
    return result;
  }

  @Override
  public String readString() throws IOException {
    int n = readLength();
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  @Override
  public void skipString() throws IOException {
    pos += readLength();
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int n = readLength();
    ByteBuffer result;
    if (old != null && old.capacity() >= n) {
      result = old;
      result.clear();
    } else {
      result = ByteBuffer.allocate(n);
    }
    result.put(buf, pos, n);
    result.flip();
    pos += n;
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    pos += readLength();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    require(length);
    System.arraycopy(buf, pos, bytes, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    require(length);
    pos += length;
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  @Override
  public long readArrayStart() throws IOException {
    return readBlockCount();
  }

  @Override
  public long arrayNext() throws IOException {
    return readBlockCount();
  }

  @Override
  public long skipArray() throws IOException {
    return skipBlocks();
  }

  @Override
  public long readMapStart() throws IOException {
    return readBlockCount();
  }

  @Override
  public long mapNext() throws IOException {
    return readBlockCount();
  }

  @Override
  public long skipMap() throws IOException {
    return skipBlocks();
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  /** A block starts with its item count; a negative count is followed by the block's byte size. */
  private long readBlockCount() throws IOException {
    long count = readLong();
    if (count < 0) {
      if (count == Long.MIN_VALUE) {
        throw new MalformedException("block count out of range");
      }
      count = -count;
      long size = readLong();
      if (size < 0) {
        throw new MalformedException("negative block size " + size);
      }
      require(size);
    }
    require(count);
    return count;
  }

  /**
   * Skips blocks that carry their byte size; returns the item count of the first one that doesn't.
   */
  private long skipBlocks() throws IOException {
    while (true) {
      long count = readLong();
      if (count >= 0) {
        require(count);
        return count;
      }
      long size = readLong();
      if (size < 0) {
        throw new MalformedException("negative block size " + size);
      }
      require(size);
      pos += (int) size;
    }
  }
}
