package io.protstream.support.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The readiness answer of a service that stores data in Cassandra: up when the node answers a
 * query.
 */
public final class CassandraReadiness {

  private CassandraReadiness() {}

  public static HealthCheckResponse check(CqlSession session) {
    try {
      String version =
          session.execute("SELECT release_version FROM system.local").one().getString(0);
      return HealthCheckResponse.named("cassandra").up().withData("release", version).build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("cassandra").down().withData("error", e.toString()).build();
    }
  }
}
