package io.protstream.ingest.domain.sequence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects the residues of one record as they stream by, checking the alphabet and computing the
 * CRC64 on the way, so a record is validated in a single pass without holding more than the
 * sequence itself. Residues beyond the configured maximum are counted but not stored, which keeps
 * memory bounded even for a corrupt record that never ends.
 */
public final class SequenceBuffer {

  private final int maxLength;
  private final Crc64 crc = new Crc64();
  private byte[] residues = new byte[4096];
  private int length;
  private int badPosition = -1;
  private int badValue;

  public SequenceBuffer(int maxLength) {
    this.maxLength = maxLength;
  }

  public void reset() {
    length = 0;
    badPosition = -1;
    crc.reset();
  }

  /** Appends raw sequence bytes, skipping layout and recording the first invalid byte. */
  public void append(byte[] source, int offset, int count) {
    byte[] classes = ResidueAlphabet.CLASSES;
    for (int i = offset, end = offset + count; i < end; i++) {
      int value = source[i] & 0xFF;
      byte residue = classes[value];
      if (residue == ResidueAlphabet.LAYOUT) {
        continue;
      }
      if (residue == ResidueAlphabet.INVALID) {
        invalid(value);
        continue;
      }
      store(residue);
    }
  }

  /** Appends sequence characters, as delivered by an XML reader. */
  public void append(char[] source, int offset, int count) {
    byte[] classes = ResidueAlphabet.CLASSES;
    for (int i = offset, end = offset + count; i < end; i++) {
      char c = source[i];
      byte residue = c < 256 ? classes[c] : ResidueAlphabet.INVALID;
      if (residue == ResidueAlphabet.LAYOUT) {
        continue;
      }
      if (residue == ResidueAlphabet.INVALID) {
        invalid(c);
        continue;
      }
      store(residue);
    }
  }

  private void invalid(int value) {
    if (badPosition < 0) {
      badPosition = length + 1;
      badValue = value;
    }
    length++;
  }

  private void store(byte residue) {
    if (length < maxLength) {
      if (length == residues.length) {
        residues = Arrays.copyOf(residues, Math.min(maxLength, residues.length * 2));
      }
      residues[length] = residue;
    }
    length++;
    crc.update(residue);
  }

  /** The number of residue positions seen, invalid ones included. */
  public int length() {
    return length;
  }

  public boolean isEmpty() {
    return length == 0;
  }

  public boolean isOversize() {
    return length > maxLength;
  }

  public int maxLength() {
    return maxLength;
  }

  public boolean hasInvalidResidue() {
    return badPosition >= 0;
  }

  /** Describes the first invalid character, e.g. {@code '*' (0x2A) at position 75}. */
  public String describeInvalidResidue() {
    String shown = badValue >= 0x20 && badValue < 0x7F ? "'" + (char) badValue + "' " : "";
    return String.format("%s(0x%02X) at position %d", shown, badValue, badPosition);
  }

  /** The computed CRC64; meaningful only when every residue was valid and stored. */
  public long crc64() {
    return crc.value();
  }

  public String sequence() {
    return new String(residues, 0, Math.min(length, maxLength), StandardCharsets.US_ASCII);
  }
}
