package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import io.protstream.support.cassandra.CassandraReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the index's Cassandra answers a query. */
@Readiness
@ApplicationScoped
public class CassandraHealthCheck implements HealthCheck {

  private final CqlSession session;

  CassandraHealthCheck(CqlSession session) {
    this.session = session;
  }

  @Override
  public HealthCheckResponse call() {
    return CassandraReadiness.check(session);
  }
}
