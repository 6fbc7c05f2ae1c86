package io.protstream.embed.encoder;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until the model is loaded; says which model, and loudly when it is the demo model. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

  public static final String NAME = "embed model";

  private final ModelRuntime runtime;

  ModelReadiness(ModelRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public HealthCheckResponse call() {
    return runtime.health();
  }
}
