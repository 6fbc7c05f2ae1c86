package io.protstream.predict.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The settings of predict-service, under {@code protstream.predict.*}. */
@ConfigMapping(prefix = "protstream.predict")
public interface PredictConfig {

  /**
   * Model folder with the head graphs (from {@code protstream convert}); unset = no heads loaded.
   */
  Optional<String> modelDirectory();

  /** {@code cpu}, {@code cuda} or {@code tensorrt}. */
  @WithDefault("cpu")
  String device();
}
