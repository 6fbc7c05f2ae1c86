package io.protstream.model.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Checks that a model folder's files are the ones its manifest lists, byte for byte (SHA-256).
 * Hashing 5 GB of weights on every start would cost seconds, so the result is remembered in {@value
 * #CACHE_FILE} next to the manifest: a file whose size and modification time are those recorded
 * when its hash was last confirmed is taken as verified; any other file is hashed again. {@link
 * #verifyFully} ignores that record and hashes everything.
 */
public final class ModelIntegrity {

  /** Size, modification time and confirmed hash of each file, as of the last verification. */
  public static final String CACHE_FILE = "manifest.verified.json";

  private static final System.Logger LOG = System.getLogger(ModelIntegrity.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What was true of one file when its hash was last confirmed. */
  record Seen(long bytes, long modifiedNanos, String sha256) {}

  /** The record in {@value #CACHE_FILE}; only valid for the manifest it was made for. */
  record Cache(String manifestSha256, Map<String, Seen> files) {}

  private ModelIntegrity() {}

  /**
   * Verifies the folder against its manifest, hashing only files not confirmed before in their
   * current size and modification time.
   *
   * @return how many files had to be hashed
   * @throws ModelIntegrityException naming the first file that differs
   */
  public static int verify(Path folder, Manifest manifest) {
    return check(folder, manifest, false, path -> true);
  }

  /**
   * Like {@link #verify(Path, Manifest)} for the listed files whose path {@code include} accepts.
   */
  public static int verify(Path folder, Manifest manifest, Predicate<String> include) {
    return check(folder, manifest, false, include);
  }

  /**
   * Hashes every file the manifest lists, whatever was recorded before.
   *
   * @return how many files were hashed
   * @throws ModelIntegrityException naming the first file that differs
   */
  public static int verifyFully(Path folder, Manifest manifest) {
    return check(folder, manifest, true, path -> true);
  }

  /** Records the files as verified: for whoever just wrote them and the manifest's hashes. */
  public static void recordVerified(Path folder, Manifest manifest) {
    Map<String, Seen> seen = new LinkedHashMap<>();
    for (Manifest.FileEntry entry : manifest.files()) {
      Path file = resolve(folder, entry);
      seen.put(entry.path(), new Seen(size(file), modified(file), entry.sha256()));
    }
    writeCache(folder, new Cache(manifestSha256(folder), seen));
  }

  private static int check(
      Path folder, Manifest manifest, boolean full, Predicate<String> include) {
    if (manifest.files() == null || manifest.files().isEmpty()) {
      throw new ModelIntegrityException(
          folder.resolve(Manifest.FILE_NAME) + " lists no files to verify");
    }
    String manifestHash = manifestSha256(folder);
    Cache cache = full ? null : readCache(folder, manifestHash);
    Map<String, Seen> confirmed = new LinkedHashMap<>();
    int hashed = 0;
    for (Manifest.FileEntry entry : manifest.files()) {
      Path file = resolve(folder, entry);
      if (!include.test(entry.path())) {
        // keep what an earlier check confirmed of the files not looked at now
        Seen kept = cache == null ? null : cache.files().get(entry.path());
        if (kept != null) {
          confirmed.put(entry.path(), kept);
        }
        continue;
      }
      if (!Files.isRegularFile(file)) {
        throw new ModelIntegrityException(file + " is listed in the manifest but missing");
      }
      long bytes = size(file);
      if (bytes != entry.bytes()) {
        throw new ModelIntegrityException(
            file + " has " + bytes + " bytes, the manifest says " + entry.bytes());
      }
      long modified = modified(file);
      Seen before = cache == null ? null : cache.files().get(entry.path());
      Seen now = new Seen(bytes, modified, entry.sha256());
      if (!now.equals(before)) {
        String actual = Checksums.sha256(file);
        hashed++;
        if (!actual.equalsIgnoreCase(entry.sha256())) {
          throw new ModelIntegrityException(
              file
                  + " has SHA-256 "
                  + actual
                  + ", the manifest says "
                  + entry.sha256()
                  + ": the file was changed or damaged");
        }
      }
      confirmed.put(entry.path(), now);
    }
    if (hashed > 0 || cache == null) {
      writeCache(folder, new Cache(manifestHash, confirmed));
    }
    return hashed;
  }

  /** A manifest path must name a file inside the folder. */
  private static Path resolve(Path folder, Manifest.FileEntry entry) {
    Path base = folder.toAbsolutePath().normalize();
    Path file = base.resolve(entry.path()).normalize();
    if (!file.startsWith(base) || file.equals(base)) {
      throw new ModelIntegrityException(
          "manifest entry '" + entry.path() + "' points outside the model folder " + folder);
    }
    return file;
  }

  private static Cache readCache(Path folder, String manifestHash) {
    Path file = folder.resolve(CACHE_FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      Cache cache = JSON.readValue(file.toFile(), Cache.class);
      return cache.files() != null && manifestHash.equals(cache.manifestSha256()) ? cache : null;
    } catch (IOException e) {
      // a damaged record only means hashing again
      LOG.log(Level.WARNING, "ignoring unreadable " + file + ": " + e.getMessage());
      return null;
    }
  }

  private static void writeCache(Path folder, Cache cache) {
    Path target = folder.resolve(CACHE_FILE);
    try {
      Path temp = Files.createTempFile(folder, CACHE_FILE, ".tmp");
      readableByAll(temp, "rw-r--r--");
      JSON.writeValue(temp.toFile(), cache);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // a read-only model folder is fine: the next start hashes again
      LOG.log(Level.WARNING, "cannot record verified hashes in " + target + ": " + e.getMessage());
    }
  }

  /** Temporary files are private by default; the model folder's files are not. */
  static void readableByAll(Path path, String permissions) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: its defaults apply
    }
  }

  private static String manifestSha256(Path folder) {
    return Checksums.sha256(folder.resolve(Manifest.FILE_NAME));
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
