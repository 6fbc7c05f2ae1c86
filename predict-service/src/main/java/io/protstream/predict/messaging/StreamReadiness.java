package io.protstream.predict.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until the residue stream consumes (which it does once the heads are loaded). */
@Readiness
@ApplicationScoped
public class StreamReadiness implements HealthCheck {

  public static final String NAME = "predict stream";

  private final ResidueStream stream;

  StreamReadiness(ResidueStream stream) {
    this.stream = stream;
  }

  @Override
  public HealthCheckResponse call() {
    return stream.health();
  }
}
