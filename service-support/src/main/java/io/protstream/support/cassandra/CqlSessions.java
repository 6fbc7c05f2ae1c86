package io.protstream.support.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Opens driver sessions the way every protstream service needs them. */
public final class CqlSessions {

  private CqlSessions() {}

  /**
   * A session with a 30 s request timeout: schema changes take seconds on small machines, where the
   * driver's 2 s default fails them.
   *
   * @param contactPoints {@code host:port} entries (port 9042 when omitted)
   */
  public static CqlSession open(List<String> contactPoints, String localDatacenter) {
    return CqlSession.builder()
        .addContactPoints(contactPoints.stream().map(CqlSessions::address).toList())
        .withLocalDatacenter(localDatacenter)
        .withConfigLoader(
            DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(
                    DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(
                    DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT,
                    Duration.ofSeconds(30))
                .build())
        .build();
  }

  /** Creates a keyspace with SimpleStrategy replication if it does not exist. */
  public static void createKeyspace(CqlSession session, String keyspace, int replicationFactor) {
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS "
            + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
            + replicationFactor
            + "}");
  }

  static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon < 0
        ? new InetSocketAddress(hostPort, 9042)
        : new InetSocketAddress(
            hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
