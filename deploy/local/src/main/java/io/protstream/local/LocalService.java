package io.protstream.local;

import io.protstream.testinfra.WatchedMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One of the four services, run from its Quarkus build output as a background JVM. Started through
 * {@link WatchedMain}, so a service started for a test stops when the test JVM dies.
 */
public record LocalService(String name, int port) {

  /** The entry point named in every quarkus-run.jar's manifest. */
  private static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

  public static final List<LocalService> ALL =
      List.of(
          new LocalService("index-service", 8080),
          new LocalService("ingest-service", 8081),
          new LocalService("embed-service", 8082),
          new LocalService("predict-service", 8083));

  /**
   * Starts the service with {@code env} added to its environment.
   *
   * @param watchedPid the process whose end stops the service, or 0 to outlive the caller
   */
  public long start(Path repository, Path logs, Map<String, String> env, long watchedPid) {
    Path jar = repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build first (./mvnw install -DskipTests)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-cp",
                jar + File.pathSeparator + watchdogLocation(),
                WatchedMain.class.getName(),
                Long.toString(watchedPid),
                QUARKUS_MAIN)
            .directory(repository.resolve(name).toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
    builder.environment().putAll(env);
    try {
      return builder.start().pid();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  public void awaitReady(Duration timeout, Path logs) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep();
    }
    throw new IllegalStateException(
        name + " not ready after " + timeout + "; see " + logs.resolve(name + ".log"));
  }

  private static String watchdogLocation() {
    try {
      return Path.of(WatchedMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
