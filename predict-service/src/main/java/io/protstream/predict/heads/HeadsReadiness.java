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
    var response =
        HealthCheckResponse.named(NAME)
            .status(runtime.state() == HeadsRuntime.State.READY)
            .withData("state", runtime.state().name())
            .withData("directory", runtime.directory().orElse("(not set)"));
    runtime
        .loaded()
        .ifPresent(
            h -> {
              response
                  .withData("encoderModelId", h.ids().encoder())
                  .withData("secondaryStructureModelId", h.ids().secstruct())
                  .withData("localizationModelId", h.ids().localization())
                  .withData("demo", h.ids().demo());
              if (h.ids().membrane() != null) {
                response.withData("membraneModelId", h.ids().membrane());
              }
              if (h.ids().demo()) {
                response.withData(
                    "warning", "DEMO MODEL: random weights, the annotations mean nothing");
              }
            });
    if (runtime.failure() != null) {
      response.withData("failure", runtime.failure());
    }
    return response.build();
  }
}
