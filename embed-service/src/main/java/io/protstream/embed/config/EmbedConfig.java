package io.protstream.embed.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The settings of embed-service, under {@code protstream.embed.*}. */
@ConfigMapping(prefix = "protstream.embed")
public interface EmbedConfig {

  /**
   * Model folder written by {@code protstream convert} or {@code demo-model}; unset = no encoder
   * loaded.
   */
  Optional<String> modelDirectory();

  /** {@code cpu}, {@code cuda} or {@code tensorrt}. */
  @WithDefault("cpu")
  String device();

  /** Longest sequence embedded in one piece; longer ones go through overlapping windows. */
  @WithDefault("4000")
  int maxSequenceLength();
}
