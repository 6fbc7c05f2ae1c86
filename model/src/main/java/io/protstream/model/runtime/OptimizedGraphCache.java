package io.protstream.model.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * ONNX Runtime's optimised copies of a model folder's graphs, kept in {@value #FOLDER} inside the
 * folder. Optimising the XL encoder graph takes most of the half minute a start costs; the first
 * open saves the optimised graph, later opens load it with optimisation off.
 *
 * <p>An optimised graph is only valid for the graph it came from, the ONNX Runtime version that
 * made it and the device it was made for (fusions and memory layouts are device-specific), so each
 * copy lives in a folder named by a hash of all of these; a copy made for anything else is never
 * used and is removed when a new one is written. TensorRT graphs are not cached here: TensorRT
 * compiles its subgraphs into engines, which its own engine cache keeps.
 */
public final class OptimizedGraphCache {

  public static final String FOLDER = ".ort-optimized";

  /** Written last into a copy's folder: a folder without it is incomplete. */
  static final String COMPLETE = "complete";

  /** Graphs (with data) above this size keep their weights in an external data file. */
  private static final long EXTERNAL_DATA_ABOVE = 1L << 30;

  /** 2: the key names the native ONNX Runtime that runs, no longer the one DJL reports. */
  private static final String LAYOUT_VERSION = "2";

  /** A staging folder untouched this long belongs to a process that is gone. */
  private static final Duration ABANDONED = Duration.ofHours(6);

  private static final System.Logger LOG = System.getLogger(OptimizedGraphCache.class.getName());

  private final Path root;
  private final String contentId;

  private OptimizedGraphCache(Path root, String contentId) {
    this.root = root;
    this.contentId = contentId;
  }

  /**
   * @param modelFolder where the graphs are (the cache goes into {@value #FOLDER} there)
   * @param contentId identifies the graph's content, e.g. the SHA-256 of its files
   */
  public static OptimizedGraphCache in(Path modelFolder, String contentId) {
    return new OptimizedGraphCache(modelFolder.resolve(FOLDER), contentId);
  }

  /** The folder of the optimised copy of graph {@code stem} for these options; null if none. */
  Path entry(String stem, RuntimeOptions options) {
    if (options.device() == ExecutionDevice.TENSORRT) {
      return null;
    }
    return root.resolve(stem + "-" + key(stem, options));
  }

  /** Whether a complete optimised copy exists in {@code entry}. */
  static boolean isComplete(Path entry) {
    return Files.isRegularFile(entry.resolve(COMPLETE));
  }

  /** A fresh folder to write a new copy into before it is moved into place. */
  Path newStaging(String stem) throws IOException {
    Files.createDirectories(root);
    Path staging = Files.createTempDirectory(root, stem + ".staging-");
    try {
      // temporary folders are private by default; whoever may read the model may read this
      Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its defaults apply
    }
    return staging;
  }

  /**
   * Moves a staged copy into place (unless another process was first) and removes copies of the
   * same graph made for other keys.
   */
  void publish(Path staging, Path entry, String stem, RuntimeOptions options) {
    try {
      Files.writeString(
          staging.resolve(COMPLETE),
          String.join("\n", keyParts(stem, options)) + "\n",
          StandardCharsets.UTF_8);
      if (!isComplete(entry)) {
        deleteTree(entry);
        Files.move(staging, entry, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot keep the optimised graph in " + entry + ": " + e.getMessage());
    } finally {
      deleteTree(staging);
    }
    try (Stream<Path> siblings = Files.list(root)) {
      for (Path p : siblings.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(stem + "-") && !p.equals(entry)) {
          deleteTree(p);
        } else if (name.startsWith(stem + ".staging-") && isAbandoned(p)) {
          // left by a process that died while writing; one still writing touches it
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot clean " + root + ": " + e.getMessage());
    }
  }

  private static boolean isAbandoned(Path staging) {
    try {
      return Files.getLastModifiedTime(staging)
          .toInstant()
          .isBefore(Instant.now().minus(ABANDONED));
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the graph (with its data) is too large to save without external data. */
  static boolean needsExternalData(Path onnxFile) {
    try {
      long size = Files.size(onnxFile);
      Path data = onnxFile.resolveSibling(onnxFile.getFileName() + ".data");
      if (Files.isRegularFile(data)) {
        size += Files.size(data);
      }
      return size > EXTERNAL_DATA_ABOVE;
    } catch (IOException e) {
      return true;
    }
  }

  static void deleteTree(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete " + path + ": " + e.getMessage());
    }
  }

  private String key(String stem, RuntimeOptions options) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : keyParts(stem, options)) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> keyParts(String stem, RuntimeOptions options) {
    return List.of(
        LAYOUT_VERSION,
        stem,
        contentId,
        OnnxSession.runtimeVersion(),
        options.device().name(),
        String.valueOf(options.deviceId()),
        System.getProperty("os.arch"),
        cpuModel());
  }

  /** The CPU's model name: layout optimisations depend on its vector width. */
  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      try (Stream<String> lines = Files.lines(cpuinfo)) {
        return lines
            .filter(
                l ->
                    l.startsWith("model name") || l.startsWith("flags") || l.startsWith("Features"))
            .distinct()
            .sorted()
            .reduce("", (a, b) -> a + b + ";");
      } catch (IOException | java.io.UncheckedIOException e) {
        return "unknown";
      }
    }
    String id = System.getenv("PROCESSOR_IDENTIFIER");
    return id == null ? "unknown" : id;
  }
}
