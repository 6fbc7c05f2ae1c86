package io.protstream.model.checkpoint;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a pickle (and, in the legacy layout, the storages after it) with a known number of
 * bytes left. The unpickler checks every length a pickle declares against {@link #remaining()}
 * before it allocates, so a few crafted bytes cannot ask for gigabytes that the file does not hold.
 */
final class PickleInput extends FilterInputStream {

  private long remaining;

  /**
   * @param limit how many bytes the source can hold at most (the file's size, or less)
   */
  PickleInput(InputStream in, long limit) {
    super(in);
    this.remaining = limit;
  }

  /** Bytes that may still follow; never less than what actually follows. */
  long remaining() {
    return remaining;
  }

  /**
   * Reads exactly {@code length} bytes, after checking that they can be there.
   *
   * @throws CheckpointException if the source cannot hold that many bytes or ends before them
   */
  byte[] readDeclared(long length, String what) throws IOException {
    if (length < 0 || length > remaining) {
      throw new CheckpointException(
          what + " declares " + length + " bytes but only " + remaining + " remain");
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw new CheckpointException(what + " of " + length + " bytes is too large to read");
    }
    byte[] bytes = readNBytes((int) length);
    if (bytes.length != length) {
      throw new CheckpointException(what + " is truncated");
    }
    return bytes;
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int b = super.read();
    if (b >= 0) {
      remaining--;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0) {
      return len == 0 ? 0 : -1;
    }
    int n = super.read(b, off, (int) Math.min(len, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
