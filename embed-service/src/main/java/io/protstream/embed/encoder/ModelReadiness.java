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
    var response =
        HealthCheckResponse.named(NAME)
            .status(runtime.state() == ModelRuntime.State.READY)
            .withData("state", runtime.state().name())
            .withData("directory", runtime.directory().orElse("(not set)"));
    runtime
        .loaded()
        .ifPresent(
            m -> {
              response.withData("modelId", m.modelId()).withData("dimension", m.dimension());
              response.withData("demo", m.demo());
              if (m.demo()) {
                response.withData(
                    "warning", "DEMO MODEL: random weights, the embeddings mean nothing");
              }
            });
    if (runtime.failure() != null) {
      response.withData("failure", runtime.failure());
    }
    return response.build();
  }
}
