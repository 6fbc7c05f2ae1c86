package io.protstream.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server running in a child JVM: output goes to a log file in its state folder (never to the
 * caller's console, which would corrupt a test runner's output), and it is stopped by a shutdown
 * hook and by {@link WatchedMain} when the launching JVM dies.
 */
public final class ServerProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  /** Where this run's output starts in the log (a restarted server appends to the same file). */
  private final long logStart;

  private ServerProcess(String name, Process process, Path log, long logStart) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.logStart = logStart;
  }

  /** How a server JVM is started. */
  public record Spec(
      String name,
      String javaExecutable,
      List<String> jvmOptions,
      String classpath,
      String mainClass,
      List<String> args,
      Path workDir,
      boolean outliveLauncher) {}

  public static ServerProcess start(Spec spec) {
    List<String> command = new ArrayList<>();
    command.add(spec.javaExecutable());
    command.addAll(spec.jvmOptions());
    command.add("-cp");
    command.add(spec.classpath());
    command.add(WatchedMain.class.getName());
    command.add(spec.outliveLauncher() ? "0" : Long.toString(ProcessHandle.current().pid()));
    command.add(spec.mainClass());
    command.addAll(spec.args());
    Path log = spec.workDir().resolve(spec.name() + ".log");
    try {
      Files.createDirectories(spec.workDir());
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      Process process =
          new ProcessBuilder(command)
              .directory(spec.workDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
      ServerProcess server = new ServerProcess(spec.name(), process, log, logStart);
      if (!spec.outliveLauncher()) {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-" + spec.name()));
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name(), e);
    }
  }

  /** Runs a short-lived tool JVM (for example Kafka's storage formatter) to completion. */
  public static void runToCompletion(Spec spec, Duration timeout) {
    ServerProcess tool = start(spec);
    try {
      if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        tool.close();
        throw new IllegalStateException(
            spec.name() + " did not finish in " + timeout + "; see " + tool.log);
      }
      if (tool.process.exitValue() != 0) {
        throw new IllegalStateException(
            spec.name() + " failed (exit " + tool.process.exitValue() + "); see " + tool.log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + spec.name(), e);
    }
  }

  /** Waits until {@code ready} holds, failing early with the log's tail if the server exits. */
  public void awaitReady(BooleanSupplier ready, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up:\n" + logTail(40));
      }
      if (ready.getAsBoolean()) {
        return;
      }
      pause(100);
    }
    close();
    throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + logTail(40));
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** Whether this run of the server (not an earlier one in the same log) wrote {@code text}. */
  public boolean logContains(String text) {
    try {
      if (!Files.exists(log)) {
        return false;
      }
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(logStart, all.length);
      return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8)
          .contains(text);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL if the server is still there after a grace period. */
  @Override
  public void close() {
    stop(process.toHandle(), Duration.ofSeconds(20));
  }

  /** Stops any process by pid (used by the local run's stop command). */
  public static boolean stop(ProcessHandle handle, Duration grace) {
    if (!handle.isAlive()) {
      return false;
    }
    handle.destroy();
    try {
      handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception timeoutOrInterrupt) {
      handle.destroyForcibly();
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the kernel reaps it; nothing left to do
      }
    }
    return true;
  }

  /**
   * JVM options from an environment variable (space-separated), or the fallback when it is unset.
   */
  static List<String> optionsFromEnv(String env, String fallback) {
    String value = System.getenv(env);
    String options = value == null || value.isBlank() ? fallback : value;
    return List.of(options.trim().split("\\s+"));
  }

  static String javaExecutable(String overrideEnv) {
    String home = System.getenv(overrideEnv);
    if (home == null || home.isBlank()) {
      home = System.getProperty("java.home");
    }
    return Path.of(home, "bin", "java").toString();
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
