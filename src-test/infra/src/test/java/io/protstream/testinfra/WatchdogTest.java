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

/** A build killed with SIGKILL must not leave a broker or a database behind. */
class WatchdogTest {

  @Test
  void brokerStopsWhenTheLaunchingJvmIsKilled(@TempDir Path dir) throws Exception {
    serverStopsWhenItsLauncherIsKilled(LaunchKafkaAndWait.class, dir);
  }

  @Test
  void databaseStopsWhenTheLaunchingJvmIsKilled(@TempDir Path dir) throws Exception {
    serverStopsWhenItsLauncherIsKilled(LaunchCassandraAndWait.class, dir);
  }

  private static void serverStopsWhenItsLauncherIsKilled(Class<?> launcherMain, Path dir)
      throws Exception {
    Process launcher =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                launcherMain.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    long serverPid;
    try (var out =
        new BufferedReader(
            new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      while (line != null && !line.startsWith("server-pid=")) {
        line = out.readLine();
      }
      assertTrue(line != null, launcherMain.getSimpleName() + " printed no server pid");
      serverPid = Long.parseLong(line.substring("server-pid=".length()));
    }
    ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
    assertTrue(server.isAlive());

    launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    server.onExit().get(60, TimeUnit.SECONDS);
    assertFalse(server.isAlive());
  }

  /** Stands in for a build JVM: starts a broker, reports its pid, then idles until killed. */
  public static final class LaunchKafkaAndWait {
    public static void main(String[] args) throws Exception {
      KafkaServer server = KafkaServer.start(Path.of(args[0]), 0, false);
      System.out.println("server-pid=" + server.pid());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** Stands in for a build JVM: starts Cassandra, reports its pid, then idles until killed. */
  public static final class LaunchCassandraAndWait {
    public static void main(String[] args) throws Exception {
      CassandraServer server = CassandraServer.start(Path.of(args[0]), 0, false);
      System.out.println("server-pid=" + server.pid());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
