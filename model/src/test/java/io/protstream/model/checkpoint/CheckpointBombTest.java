package io.protstream.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small files that declare huge sizes. Each must be refused with a one-line {@link
 * CheckpointException} before anything of the declared size is allocated. The build runs this class
 * in its own JVM with a 64 MiB heap, where allocating what these files declare is an {@link
 * OutOfMemoryError}.
 */
@Tag("small-heap")
class CheckpointBombTest {

  private static final long TWO_GIB = (1L << 31) - 16;

  /** torch's legacy magic number 0x1950a86a20f9469cfc6c, little-endian, as LONG1 writes it. */
  private static final byte[] LEGACY_MAGIC = {
    0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19
  };

  @TempDir Path dir;

  @BeforeAll
  static void runsWithASmallHeap() {
    assertTrue(
        Runtime.getRuntime().maxMemory() <= 256L << 20,
        "this class proves bounded allocation only under a small heap (the build gives -Xmx64m)");
  }

  /**
   * BINSTRING, BINBYTES, BINUNICODE, LONG4 (4-byte lengths); BINUNICODE8, BINBYTES8, BYTEARRAY8.
   */
  @ParameterizedTest
  @ValueSource(ints = {'T', 'B', 'X', 0x8b, 0x8d, 0x8e, 0x96})
  void pickleOpcodeDeclaringTwoGibibytesIsRefused(int opcode) throws IOException {
    PickleBytes p = PickleBytes.protocol2().op(opcode);
    boolean eightByteLength = opcode == 0x8d || opcode == 0x8e || opcode == 0x96;
    if (eightByteLength) {
      p.int64(TWO_GIB);
    } else {
      p.int32(TWO_GIB);
    }
    p.raw(new byte[64]).stop();
    Path file = torchZip(p.bytes());

    CheckpointException e = refused(file);
    assertTrue(e.getMessage().contains("declares " + TWO_GIB + " bytes"), e.getMessage());
  }

  @Test
  void legacyFileWithAPickleBombIsRefused() throws IOException {
    byte[] file =
        concat(
            PickleBytes.protocol2().op(0x8a).op(10).raw(LEGACY_MAGIC).stop().bytes(),
            PickleBytes.protocol2().op('M').raw(new byte[] {(byte) 0xe9, 0x03}).stop().bytes(),
            PickleBytes.protocol2().op('}').stop().bytes(),
            PickleBytes.protocol2().op('B').int32(TWO_GIB).raw(new byte[16]).stop().bytes());
    Path legacy = Files.write(dir.resolve("legacy.pt"), file);

    CheckpointException e = refused(legacy);
    assertTrue(e.getMessage().contains("declares " + TWO_GIB + " bytes"), e.getMessage());
  }

  @Test
  void legacyStorageLargerThanTheFileIsRefused() throws IOException {
    long elements = 1L << 29; // 2 GiB of floats
    byte[] stateDict =
        PickleBytes.protocol2()
            .op('}')
            .str("w")
            .floatTensor("0", elements, 0, new long[] {elements}, new long[] {1})
            .op('s')
            .stop()
            .bytes();
    byte[] file =
        concat(
            PickleBytes.protocol2().op(0x8a).op(10).raw(LEGACY_MAGIC).stop().bytes(),
            PickleBytes.protocol2().op('M').raw(new byte[] {(byte) 0xe9, 0x03}).stop().bytes(),
            PickleBytes.protocol2().op('}').stop().bytes(),
            stateDict,
            PickleBytes.protocol2().mark().str("0").op('l').stop().bytes(),
            ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(elements).array(),
            new byte[64]);
    Path legacy = Files.write(dir.resolve("legacy-storage.pt"), file);

    CheckpointException e = refused(legacy);
    assertTrue(e.getMessage().contains("storage 0"), e.getMessage());
  }

  @Test
  void zipEntryInflatingBeyondItsTensorIsReadOnlyAsFarAsTheTensor() throws IOException {
    // 4 floats declared; the entry inflates to 128 MiB, twice the heap
    byte[] pickle = stateDict(4, 0, new long[] {4}, new long[] {1});
    Path file = dir.resolve("inflating.pt");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("bomb/data.pkl"));
      zip.write(pickle);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("bomb/data/0"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 128; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    try (Checkpoint ckpt = Checkpoints.openFile(file)) {
      assertEquals(4, ckpt.floats("w").length);
    }
  }

  @Test
  void storageDeclaringMoreBytesThanTheFileIsRefused() throws IOException {
    long elements = 1L << 29;
    Path file =
        torchZip(stateDict(elements, 0, new long[] {elements}, new long[] {1}), "0", new byte[64]);
    CheckpointException e =
        assertThrows(
            CheckpointException.class,
            () -> {
              try (Checkpoint ckpt = Checkpoints.openFile(file)) {
                ckpt.floats("w");
              }
            });
    assertOneLine(e);
    assertTrue(e.getMessage().contains("needs " + (elements * 4) + " bytes"), e.getMessage());
  }

  @Test
  void elementCountOverflowIsRefused() throws IOException {
    // 2^32 x 2^32 elements: the product wraps to 0 in 64-bit arithmetic
    Path file =
        torchZip(
            stateDict(4, 0, new long[] {1L << 32, 1L << 32}, new long[] {1L << 32, 1}),
            "0",
            new byte[16]);
    CheckpointException e = refused(file);
    assertTrue(e.getMessage().contains("overflows"), e.getMessage());
  }

  @Test
  void stridedViewOutsideItsStorageIsRefused() throws IOException {
    // a 2 x 2 view with stride 1000 over a storage of 4 floats
    Path file =
        torchZip(stateDict(4, 0, new long[] {2, 2}, new long[] {1000, 1}), "0", new byte[16]);
    CheckpointException e = refused(file);
    assertTrue(e.getMessage().contains("reaches element 1001"), e.getMessage());
  }

  @Test
  void safetensorsShapeWhoseByteCountOverflowsIsRefused() throws IOException {
    // 2^62 x 4 F32: 2^66 bytes, which wraps to 0 and would match offsets [0, 0]
    Path file =
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,0]}}",
            new byte[0]);
    CheckpointException e = refused(file);
    assertTrue(e.getMessage().contains("overflows"), e.getMessage());
  }

  @Test
  void safetensorsHeaderLongerThanTheFileIsRefused() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(50L << 20).put("{}".getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(dir.resolve("long-header.safetensors"), b.array());
    refused(file);
  }

  @Test
  void decodingMoreElementsThanTheBufferHoldsIsRefusedBeforeAllocating() {
    ByteBuffer eightBytes = ByteBuffer.allocate(8);
    CheckpointException e =
        assertThrows(
            CheckpointException.class,
            () -> Floats.decode(eightBytes, DType.F32, Integer.MAX_VALUE - 16));
    assertOneLine(e);
    assertTrue(e.getMessage().contains("the data has 8"), e.getMessage());
  }

  private CheckpointException refused(Path file) {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Checkpoints.openFile(file).close());
    assertOneLine(e);
    return e;
  }

  private static void assertOneLine(CheckpointException e) {
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  private static byte[] stateDict(long storageElements, long offset, long[] shape, long[] stride) {
    return PickleBytes.protocol2()
        .op('}')
        .str("w")
        .floatTensor("0", storageElements, offset, shape, stride)
        .op('s')
        .stop()
        .bytes();
  }

  private Path torchZip(byte[] pickle) throws IOException {
    return torchZip(pickle, null, null);
  }

  private Path torchZip(byte[] pickle, String storageKey, byte[] storage) throws IOException {
    Path file = Files.createTempFile(dir, "bomb", ".pt");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("bomb/data.pkl"));
      zip.write(pickle);
      zip.closeEntry();
      if (storageKey != null) {
        zip.putNextEntry(new ZipEntry("bomb/data/" + storageKey));
        zip.write(storage);
        zip.closeEntry();
      }
    }
    return file;
  }

  private Path safetensors(String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    return Files.write(Files.createTempFile(dir, "bomb", ".safetensors"), b.array());
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }
}
