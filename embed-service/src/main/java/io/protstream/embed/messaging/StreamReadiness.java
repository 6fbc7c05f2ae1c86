package io.protstream.embed.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until the sequence stream consumes (which it does once the model is loaded). */
@Readiness
@ApplicationScoped
public class StreamReadiness implements HealthCheck {

  public static final String NAME = "embed stream";

  private final SequenceStream stream;

  StreamReadiness(SequenceStream stream) {
    this.stream = stream;
  }

  @Override
  public HealthCheckResponse call() {
    return stream.health();
  }
}
