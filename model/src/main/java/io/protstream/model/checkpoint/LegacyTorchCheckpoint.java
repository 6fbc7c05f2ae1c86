package io.protstream.model.checkpoint;

import io.protstream.model.checkpoint.TorchPickle.StorageRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint in {@code torch.save}'s legacy layout (before PyTorch 1.6), which older head
 * checkpoints still use: pickles of a magic number, the protocol version and system info, then the
 * state dict, then the list of storage keys, then each storage as a little-endian int64 element
 * count followed by its raw bytes. Storages are read into memory, which suits head-sized files.
 */
final class LegacyTorchCheckpoint {

  private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
  private static final int PROTOCOL = 1001;

  private LegacyTorchCheckpoint() {}

  static Checkpoint open(Path file) {
    String source = file.getFileName().toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      Object magic = unpickle(in, new WhitelistingUnpickler(source));
      if (!(magic instanceof Number n) || !MAGIC.equals(new BigInteger(n.toString()))) {
        throw new CheckpointException(
            file + " is neither a PyTorch zip checkpoint nor a legacy torch.save file");
      }
      Object protocol = unpickle(in, new WhitelistingUnpickler(source));
      if (!(protocol instanceof Number p) || p.intValue() != PROTOCOL) {
        throw new CheckpointException(file + ": unsupported legacy protocol " + protocol);
      }
      Object sysInfo = unpickle(in, new WhitelistingUnpickler(source));
      if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
        throw new CheckpointException(file + " was saved on a big-endian machine");
      }
      WhitelistingUnpickler main = new WhitelistingUnpickler(source);
      Object root = unpickle(in, main);
      Object keys = unpickle(in, new WhitelistingUnpickler(source));
      if (!(keys instanceof List<?> keyList)) {
        throw new CheckpointException(file + ": malformed storage key list");
      }
      Map<String, byte[]> storages = new HashMap<>();
      for (Object k : keyList) {
        String key = String.valueOf(k);
        StorageRef ref = main.storages().get(key);
        if (ref == null) {
          throw new CheckpointException(file + ": storage " + key + " is not referenced");
        }
        long elements =
            ByteBuffer.wrap(readExactly(in, 8, file)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        storages.put(
            key, readExactly(in, Math.multiplyExact(elements, ref.dtype().byteSize()), file));
      }
      return new TorchStateDict(file, root, ref -> storage(storages, ref, file), () -> {});
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Object unpickle(InputStream in, WhitelistingUnpickler unpickler)
      throws IOException {
    // the unpickler reads byte by byte up to STOP, so the next pickle starts where this one ended;
    // it is not closed, as closing would close the shared stream
    return unpickler.load(in);
  }

  private static byte[] readExactly(InputStream in, long length, Path file) throws IOException {
    byte[] bytes = in.readNBytes(Math.toIntExact(length));
    if (bytes.length != length) {
      throw new CheckpointException(file + " is truncated");
    }
    return bytes;
  }

  private static byte[] storage(Map<String, byte[]> storages, StorageRef ref, Path file) {
    byte[] bytes = storages.get(ref.key());
    if (bytes == null) {
      throw new CheckpointException(file + " lacks storage " + ref.key());
    }
    return bytes;
  }
}
