package io.protstream.embed.testing;

import io.protstream.model.pipeline.HeadCheckpoints;
import io.protstream.model.pipeline.ModelConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference fixture's tiny encoder converted into a model folder, once per test JVM, under
 * {@code target/}.
 */
public final class TinyModel {

  private static Path folder;

  private TinyModel() {}

  public static synchronized Path folder() {
    if (folder == null) {
      try {
        Path encoder =
            Path.of(TinyModel.class.getClassLoader().getResource("prott5-tiny/encoder").toURI());
        Path out = Files.createDirectories(Path.of("target", "tiny-model")).toAbsolutePath();
        new ModelConverter().convert(encoder, HeadCheckpoints.none(), out);
        folder = out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return folder;
  }
}
