package io.protstream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The directories the running ingest-service may read release files from, remembered in the state
 * folder so a later {@code start} knows whether it must restart the service to allow another one.
 */
final class IngestSources {

  private final Path file;

  IngestSources(Path file) {
    this.file = file;
  }

  Set<String> read() {
    try {
      return Files.exists(file)
          ? new TreeSet<>(Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList())
          : new TreeSet<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(Set<String> directories) {
    try {
      Files.write(file, directories);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
