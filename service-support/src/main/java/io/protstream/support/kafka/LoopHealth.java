package io.protstream.support.kafka;

import org.eclipse.microprofile.health.HealthCheckResponse;

/** The readiness answer for a {@link TransactionalLoop}: DOWN until it consumes. */
public final class LoopHealth {

  private LoopHealth() {}

  /**
   * @param loop null while the service has not created it yet (still DOWN)
   */
  public static HealthCheckResponse of(String checkName, TransactionalLoop loop) {
    boolean up = loop != null && loop.isRunning();
    var response = HealthCheckResponse.named(checkName).status(up);
    if (loop != null) {
      response
          .withData("topics", String.join(",", loop.settings().topics()))
          .withData("group", loop.settings().groupId())
          .withData("transactionalId", loop.settings().transactionalId());
    }
    return response.build();
  }
}
