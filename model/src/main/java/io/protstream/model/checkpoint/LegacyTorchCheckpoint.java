package io.protstream.model.checkpoint;

import io.protstream.model.checkpoint.TorchPickle.StorageRef;
import java.io.BufferedInputStream;
import java.io.IOException;
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
 * count followed by its raw bytes. Storages are read into memory, which suits head-sized files;
 * every declared size is checked against the bytes left in the file first.
 */
final class LegacyTorchCheckpoint {

  private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
  private static final int PROTOCOL = 1001;

  private LegacyTorchCheckpoint() {}

  static Checkpoint open(Path file) {
    String source = file.getFileName().toString();
    try (PickleInput in =
        new PickleInput(new BufferedInputStream(Files.newInputStream(file)), Files.size(file))) {
      Object magic = unpickle(file, in, new WhitelistingUnpickler(source));
      if (!(magic instanceof Number n) || !MAGIC.equals(new BigInteger(n.toString()))) {
        throw new CheckpointException(
            file + " is neither a PyTorch zip checkpoint nor a legacy torch.save file");
      }
      Object protocol = unpickle(file, in, new WhitelistingUnpickler(source));
      if (!(protocol instanceof Number p) || p.intValue() != PROTOCOL) {
        throw new CheckpointException(file + ": unsupported legacy protocol " + protocol);
      }
      Object sysInfo = unpickle(file, in, new WhitelistingUnpickler(source));
      if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
        throw new CheckpointException(file + " was saved on a big-endian machine");
      }
      WhitelistingUnpickler main = new WhitelistingUnpickler(source);
      Object root = unpickle(file, in, main);
      Object keys = unpickle(file, in, new WhitelistingUnpickler(source));
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
            ByteBuffer.wrap(in.readDeclared(8, file + ": size of storage " + key))
                .order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        if (elements != ref.elementCount()) {
          throw new CheckpointException(
              file
                  + ": storage "
                  + key
                  + " holds "
                  + elements
                  + " elements, the pickle says "
                  + ref.elementCount());
        }
        storages.put(key, in.readDeclared(ref.byteCount(), file + ": storage " + key));
      }
      return new TorchStateDict(file, root, ref -> storage(storages, ref, file), () -> {});
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Object unpickle(Path file, PickleInput in, WhitelistingUnpickler unpickler)
      throws IOException {
    // the unpickler reads byte by byte up to STOP, so the next pickle starts where this one ended;
    // it is not closed, as closing would close the shared stream
    return Unpickling.run(file, () -> unpickler.load(in));
  }

  private static byte[] storage(Map<String, byte[]> storages, StorageRef ref, Path file) {
    byte[] bytes = storages.get(ref.key());
    if (bytes == null) {
      throw new CheckpointException(file + " lacks storage " + ref.key());
    }
    return bytes;
  }
}
