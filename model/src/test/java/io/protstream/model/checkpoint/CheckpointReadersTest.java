package io.protstream.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.model.testing.Fixtures;
import io.protstream.schemas.Fp16Matrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointReadersTest {

  @TempDir Path dir;

  @Test
  void fp16BinHoldsTheSameValuesAsFp32Safetensors() {
    try (Checkpoint st =
            SafetensorsCheckpoint.open(Fixtures.encoder().resolve("model.safetensors"));
        Checkpoint bin = TorchZipCheckpoint.open(Fixtures.encoder().resolve("pytorch_model.bin"))) {
      assertTrue(bin.names().containsAll(st.names()), "bin lacks tensors of safetensors");
      for (String name : st.names()) {
        assertEquals(DType.F32, st.info(name).dtype());
        assertEquals(DType.F16, bin.info(name).dtype());
        assertArrayEquals(st.info(name).shape(), bin.info(name).shape(), name);
        assertArrayEquals(st.floats(name), bin.floats(name), name);
      }
    }
  }

  @Test
  void tiedEmbeddingIsReadableUnderBothNames() {
    try (Checkpoint ckpt = Checkpoints.openEncoderFolder(Fixtures.encoder())) {
      assertArrayEquals(ckpt.floats("shared.weight"), ckpt.floats("encoder.embed_tokens.weight"));
      assertArrayEquals(new long[] {128, 64}, ckpt.info("encoder.embed_tokens.weight").shape());
    }
  }

  @Test
  void readsStateDictOfHeadCheckpoints() {
    try (Checkpoint la = Checkpoints.openFile(Fixtures.head("la_subcellular_localization.pt"))) {
      assertArrayEquals(new long[] {64, 64, 9}, la.info("feature_convolution.weight").shape());
      assertEquals(DType.I64, la.info("linear.3.num_batches_tracked").dtype());
      assertEquals(10, la.info("output.weight").shape()[0]);
    }
  }

  @Test
  void readsFp16AndBf16Safetensors() throws IOException {
    float[] values = {1f, -2.5f, 0.15625f, 3e-3f};
    ByteBuffer f16 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer bf16 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      f16.putShort(Fp16Matrix.toHalf(v));
      bf16.putShort((short) (Float.floatToIntBits(v) >>> 16));
    }
    Path file =
        safetensors(
            "{\"a\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[8,16]}}",
            concat(f16.array(), bf16.array()));
    try (Checkpoint ckpt = SafetensorsCheckpoint.open(file)) {
      float[] a = ckpt.floats("a");
      float[] b = ckpt.floats("b");
      for (int i = 0; i < values.length; i++) {
        assertEquals(values[i], a[i], Math.abs(values[i]) * 1e-3, "f16 " + i);
        assertEquals(values[i], b[i], Math.abs(values[i]) * 1e-2, "bf16 " + i);
      }
      assertEquals(DType.BF16, ckpt.info("b").dtype());
    }
  }

  @Test
  void refusesSafetensorsWithInconsistentOffsets() throws IOException {
    Path file =
        safetensors(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,8]}}", new byte[16]);
    assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(file));
  }

  @Test
  void refusesPicklesThatCallArbitraryGlobals() throws IOException {
    // protocol 2: GLOBAL 'os system', ('echo',), REDUCE -- what a malicious .pt would contain
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(new byte[] {(byte) 0x80, 2});
    p.write("cos\nsystem\n".getBytes(StandardCharsets.US_ASCII));
    p.write('X');
    p.write(new byte[] {4, 0, 0, 0});
    p.write("echo".getBytes(StandardCharsets.US_ASCII));
    p.write(new byte[] {(byte) 0x85, 'R', '.'});
    UnsafePickleException e =
        assertThrows(
            UnsafePickleException.class, () -> TorchZipCheckpoint.open(torchZip(p.toByteArray())));
    assertTrue(e.getMessage().contains("os.system"), e.getMessage());
  }

  @Test
  void refusesObjectInstantiationOpcodes() throws IOException {
    // EMPTY_TUPLE; NEWOBJ on it: instantiation without a whitelisted global
    byte[] pickle = {(byte) 0x80, 2, ')', ')', (byte) 0x81, '.'};
    assertThrows(UnsafePickleException.class, () -> TorchZipCheckpoint.open(torchZip(pickle)));
  }

  @Test
  void readsLegacyTorchSaveFilesIncludingSharedAndStridedStorages() throws Exception {
    Path file = Path.of(getClass().getResource("/legacy/legacy_format.pt").toURI());
    try (Checkpoint ckpt = Checkpoints.openFile(file)) {
      assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, ckpt.floats("w"));
      assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, ckpt.floats("wt"));
      assertArrayEquals(new long[] {3, 2}, ckpt.info("wt").shape());
      assertArrayEquals(new float[] {4, 5}, ckpt.floats("tail"));
      assertArrayEquals(new float[] {1, -2, 0.5f, 65504}, ckpt.floats("h"));
      assertEquals(DType.F16, ckpt.info("h").dtype());
    }
  }

  @Test
  void explainsFilesThatAreNoCheckpoint() throws IOException {
    Path junk = Files.write(dir.resolve("junk.pt"), new byte[] {(byte) 0x80, 2, 'K', 7, '.'});
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Checkpoints.openFile(junk));
    assertTrue(e.getMessage().contains("neither"), e.getMessage());
  }

  private Path safetensors(String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    return Files.write(dir.resolve("t" + System.nanoTime() + ".safetensors"), b.array());
  }

  private Path torchZip(byte[] pickle) throws IOException {
    Path file = dir.resolve("evil" + System.nanoTime() + ".pt");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("evil/data.pkl"));
      zip.write(pickle);
      zip.closeEntry();
    }
    return file;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
