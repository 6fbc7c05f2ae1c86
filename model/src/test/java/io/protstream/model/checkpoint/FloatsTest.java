package io.protstream.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FloatsTest {

  /** Little-endian bytes written out by hand from the IEEE 754 encodings. */
  @Test
  void decodesEachStoredTypeFromKnownBytes() {
    // binary16: 1.0 = 0x3c00, -2.0 = 0xc000, 65504 = 0x7bff, 2^-24 = 0x0001
    byte[] f16 = {0x00, 0x3c, 0x00, (byte) 0xc0, (byte) 0xff, 0x7b, 0x01, 0x00};
    assertArrayEquals(
        new float[] {1f, -2f, 65504f, 0x1p-24f}, Floats.decode(ByteBuffer.wrap(f16), DType.F16, 4));
    // bfloat16: the top half of binary32; 1.0 = 0x3f80, -0.5 = 0xbf00
    byte[] bf16 = {(byte) 0x80, 0x3f, 0x00, (byte) 0xbf};
    assertArrayEquals(new float[] {1f, -0.5f}, Floats.decode(ByteBuffer.wrap(bf16), DType.BF16, 2));
    // binary32 1.5 = 0x3fc00000; int64 7
    byte[] f32 = {0x00, 0x00, (byte) 0xc0, 0x3f};
    assertArrayEquals(new float[] {1.5f}, Floats.decode(ByteBuffer.wrap(f32), DType.F32, 1));
    byte[] i64 = {7, 0, 0, 0, 0, 0, 0, 0};
    assertArrayEquals(new float[] {7f}, Floats.decode(ByteBuffer.wrap(i64), DType.I64, 1));
  }

  @Test
  void decodesFromTheBufferPosition() {
    ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 9, 0x00, 0x3c});
    b.position(2);
    assertArrayEquals(new float[] {1f}, Floats.decode(b, DType.F16, 1));
  }

  @Test
  void refusesTypesThatAreNotNumbersItCanRead() {
    assertThrows(
        CheckpointException.class, () -> Floats.decode(ByteBuffer.allocate(4), DType.BOOL, 4));
  }
}
