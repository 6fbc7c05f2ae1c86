package io.protstream.testinfra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build killed with SIGKILL must not leave a broker behind. */
class WatchdogTest {

  @Test
  void brokerStopsWhenTheLaunchingJvmIsKilled(@TempDir Path dir) throws Exception {
    Process launcher =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LaunchKafkaAndWait.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    long brokerPid;
    try (var out =
        new BufferedReader(
            new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      while (line != null && !line.startsWith("broker-pid=")) {
        line = out.readLine();
      }
      assertTrue(line != null, "launcher printed no broker pid");
      brokerPid = Long.parseLong(line.substring("broker-pid=".length()));
    }
    ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();
    assertTrue(broker.isAlive());

    launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    broker.onExit().get(60, TimeUnit.SECONDS);
    assertFalse(broker.isAlive());
  }

  /** Stands in for a build JVM: starts a broker, reports its pid, then idles until killed. */
  public static final class LaunchKafkaAndWait {
    public static void main(String[] args) throws Exception {
      KafkaServer server = KafkaServer.start(Path.of(args[0]), 0, false);
      System.out.println("broker-pid=" + server.pid());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
