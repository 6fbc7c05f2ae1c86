package io.protstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.testinfra.CassandraEndpoint;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite in small ({@link ChaosRun}): 300 sequences, each service SIGKILLed once at a
 * random moment (ingest while it announces, the others within the first 12 s, overlapping) and
 * restarted, and the Kafka broker restarted, against a clean run of the same release. The shared
 * Cassandra node serves both runs (in keyspaces of their own); the full command also restarts a
 * node of its own.
 */
@RealInfrastructure
class ChaosShortTest {

  @Test
  void crashesAndABrokerRestartLeaveTheSameStateAsACleanRun(CassandraEndpoint cassandra)
      throws Exception {
    ChaosReport report =
        ChaosRun.run(
            new ChaosRun.Options(
                300,
                7,
                1,
                1,
                0,
                Duration.ofMinutes(2),
                Path.of("target", "chaos-short").toAbsolutePath(),
                cassandra,
                Duration.ofSeconds(12)));
    System.out.println(report.text());
    List<String> injected = report.chaos().faults().stream().map(ChaosRun.Fault::target).toList();
    assertEquals(5, injected.size(), injected.toString());
    for (String service : ServiceSet.NAMES) {
      assertTrue(
          injected.stream().anyMatch(f -> f.startsWith(service + " SIGKILLed")),
          service + " was not killed: " + injected);
    }
    assertTrue(injected.contains("Kafka broker restarted"), injected.toString());
    assertTrue(report.passed(), report.text());
  }
}
