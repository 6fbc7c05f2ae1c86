package io.protstream.predict.heads;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until the heads are loaded; names the models, loudly when they are the demo model. */
@Readiness
@ApplicationScoped
public class HeadsReadiness implements HealthCheck {

  public static final String NAME = "predict heads";

  private final HeadsRuntime runtime;

  HeadsReadiness(HeadsRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public HealthCheckResponse call() {
    return runtime.health();
  }
}
