package io.protstream.model.checkpoint;

import io.protstream.model.checkpoint.TorchPickle.StorageRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A PyTorch checkpoint in the zip format of {@code torch.save} (since 1.6): {@code <name>/data.pkl}
 * holds the pickled state dict, {@code <name>/data/<key>} the raw storages, read when a tensor is.
 * Every size the archive or the pickle declares is checked against the file's real size before
 * anything of that size is allocated.
 */
public final class TorchZipCheckpoint {

  private TorchZipCheckpoint() {}

  public static Checkpoint open(Path file) {
    ZipFile zip = null;
    try {
      long fileSize = Files.size(file);
      zip = new ZipFile(file.toFile());
      String prefix = findPrefix(zip, file);
      ZipEntry pickle = zip.getEntry(prefix + "data.pkl");
      Object root;
      WhitelistingUnpickler unpickler = new WhitelistingUnpickler(file.getFileName().toString());
      try (InputStream in = zip.getInputStream(pickle)) {
        PickleInput bounded =
            new PickleInput(new BufferedInputStream(in), declaredOrFileSize(pickle, fileSize));
        root = Unpickling.run(file, () -> unpickler.load(bounded));
        unpickler.close();
      }
      ZipFile archive = zip;
      return new TorchStateDict(
          file,
          root,
          storage -> read(archive, prefix, storage, file, fileSize),
          () -> closeQuietly(archive));
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

  /** An entry cannot hold more than the file; a size the entry declares may be smaller. */
  private static long declaredOrFileSize(ZipEntry entry, long fileSize) {
    long declared = entry.getSize();
    return declared >= 0 ? Math.min(declared, fileSize) : fileSize;
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

  private static byte[] read(
      ZipFile zip, String prefix, StorageRef storage, Path file, long fileSize) {
    String entryName = prefix + "data/" + storage.key();
    ZipEntry entry = zip.getEntry(entryName);
    if (entry == null) {
      throw new CheckpointException(file + " lacks storage " + entryName);
    }
    long needed = storage.byteCount();
    long available = declaredOrFileSize(entry, fileSize);
    if (needed > available) {
      throw new CheckpointException(
          file + ": storage " + entryName + " needs " + needed + " bytes, it holds " + available);
    }
    if (needed > Checked.MAX_ARRAY) {
      throw new CheckpointException(
          file + ": storage " + entryName + " of " + needed + " bytes is too large to read");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      // allocates as bytes arrive, never the declared size up front
      byte[] bytes = in.readNBytes((int) needed);
      if (bytes.length != needed) {
        throw new CheckpointException(file + ": storage " + entryName + " is truncated");
      }
      return bytes;
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
