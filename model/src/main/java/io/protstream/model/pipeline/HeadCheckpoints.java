package io.protstream.model.pipeline;

import java.nio.file.Path;

/** The optional head checkpoint files for {@link ModelConverter}; null means "not included". */
public record HeadCheckpoints(Path secstruct, Path localization, Path membrane) {

  public static HeadCheckpoints none() {
    return new HeadCheckpoints(null, null, null);
  }
}
