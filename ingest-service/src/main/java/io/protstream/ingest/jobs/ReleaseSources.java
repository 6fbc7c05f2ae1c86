package io.protstream.ingest.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a release file named by a local path or a URL (file, http, https); decompression is the
 * reader's job.
 */
final class ReleaseSources {

  private ReleaseSources() {}

  static InputStream open(String source) throws IOException {
    if (source.matches("^(https?|file):.*")) {
      return URI.create(source).toURL().openStream();
    }
    Path path = Path.of(source);
    if (!Files.isRegularFile(path)) {
      throw new IOException("no such release file: " + source);
    }
    return Files.newInputStream(path);
  }
}
