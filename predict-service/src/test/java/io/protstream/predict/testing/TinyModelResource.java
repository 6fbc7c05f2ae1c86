package io.protstream.predict.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points predict-service at the tiny reference model folder. */
public class TinyModelResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("protstream.predict.model-directory", TinyModel.folder().toString());
  }

  @Override
  public void stop() {}
}
