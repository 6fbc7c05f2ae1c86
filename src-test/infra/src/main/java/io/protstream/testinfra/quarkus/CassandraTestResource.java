package io.protstream.testinfra.quarkus;

import io.protstream.testinfra.CassandraEndpoint;
import io.protstream.testinfra.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus application under test at the JVM's real Cassandra node through the {@code
 * protstream.cassandra.*} settings every service that stores data reads.
 */
public final class CassandraTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    CassandraEndpoint cassandra = SharedInfrastructure.cassandra();
    return Map.of(
        "protstream.cassandra.contact-points", cassandra.contactPoint(),
        "protstream.cassandra.local-datacenter", cassandra.datacenter());
  }

  @Override
  public void stop() {}
}
