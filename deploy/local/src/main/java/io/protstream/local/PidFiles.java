package io.protstream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One pid file per process the local stack started, so {@code stop} finds them from another JVM.
 */
final class PidFiles {

  private final Path dir;

  PidFiles(Path dir) {
    this.dir = dir;
  }

  void write(String name, long pid) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".pid"), Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The process of that name if its pid file exists and the process still runs. */
  Optional<ProcessHandle> alive(String name) {
    Path file = dir.resolve(name + ".pid");
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(file).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  void delete(String name) {
    try {
      Files.deleteIfExists(dir.resolve(name + ".pid"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
