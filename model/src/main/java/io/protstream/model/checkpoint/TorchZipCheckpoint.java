package io.protstream.model.checkpoint;

import io.protstream.model.checkpoint.TorchPickle.StorageRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A PyTorch checkpoint in the zip format of {@code torch.save} (since 1.6): {@code <name>/data.pkl}
 * holds the pickled state dict, {@code <name>/data/<key>} the raw storages, read when a tensor is.
 */
public final class TorchZipCheckpoint {

  private TorchZipCheckpoint() {}

  public static Checkpoint open(Path file) {
    ZipFile zip = null;
    try {
      zip = new ZipFile(file.toFile());
      String prefix = findPrefix(zip, file);
      Object root;
      try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
        WhitelistingUnpickler unpickler = new WhitelistingUnpickler(file.getFileName().toString());
        root = unpickler.load(in);
        unpickler.close();
      }
      ZipFile archive = zip;
      return new TorchStateDict(
          file, root, storage -> read(archive, prefix, storage, file), () -> closeQuietly(archive));
    } catch (ZipException e) {
      closeQuietly(zip);
      return LegacyTorchCheckpoint.open(file);
    } catch (IOException e) {
      closeQuietly(zip);
      throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(zip);
      throw e;
    }
  }

  private static String findPrefix(ZipFile zip, Path file) {
    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
      String name = e.nextElement().getName();
      if (name.equals("data.pkl") || name.endsWith("/data.pkl")) {
        return name.substring(0, name.length() - "data.pkl".length());
      }
    }
    throw new CheckpointException(file + " has no data.pkl: not a PyTorch zip checkpoint");
  }

  private static byte[] read(ZipFile zip, String prefix, StorageRef storage, Path file) {
    String entryName = prefix + "data/" + storage.key();
    ZipEntry entry = zip.getEntry(entryName);
    if (entry == null) {
      throw new CheckpointException(file + " lacks storage " + entryName);
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + entryName + " from " + file, e);
    }
  }

  private static void closeQuietly(ZipFile zip) {
    if (zip != null) {
      try {
        zip.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
