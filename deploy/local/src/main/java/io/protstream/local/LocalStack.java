package io.protstream.local;

import io.protstream.testinfra.CassandraServer;
import io.protstream.testinfra.KafkaServer;
import io.protstream.testinfra.Ports;
import io.protstream.testinfra.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs protstream on this machine: a Kafka broker, a Cassandra node and the four services, in the
 * background, with every bit of state (data, logs, pid files) in one folder the user can delete.
 *
 * <p>{@code start [stateDir]} starts what is not running yet and waits until every service reports
 * ready; {@code stop [stateDir]} stops everything it started; {@code status [stateDir]} says what
 * runs.
 */
public final class LocalStack {

  static final int KAFKA_PORT = envInt("PROTSTREAM_KAFKA_PORT", 19092);
  static final int CASSANDRA_PORT = envInt("PROTSTREAM_CASSANDRA_PORT", 19042);

  /** The release slice the local run ingests once it is up. */
  static final String SAMPLE = "deploy/local/sample/uniprot_sample_2025_01.dat";

  private final Path state;
  private final Path repository;

  LocalStack(Path state, Path repository) {
    this.state = state.toAbsolutePath();
    this.repository = repository.toAbsolutePath();
  }

  public static void main(String[] args) throws Exception {
    String command = args.length > 0 ? args[0] : "status";
    Path state = Path.of(args.length > 1 ? args[1] : ".protstream");
    LocalStack stack = new LocalStack(state, Path.of(""));
    switch (command) {
      case "start" -> stack.start(args.length > 2 ? Path.of(args[2]) : null);
      case "stop" -> stack.stop();
      case "status" -> stack.status();
      default -> {
        System.err.println("usage: LocalStack start|stop|status [state-dir]");
        System.exit(2);
      }
    }
  }

  /**
   * @param model the model folder embed-service and predict-service serve, or null for none
   */
  void start(Path model) throws IOException {
    Files.createDirectories(state.resolve("logs"));
    PidFiles pids = new PidFiles(state.resolve("pids"));
    String kafka = "127.0.0.1:" + KAFKA_PORT;
    String cassandra = "127.0.0.1:" + CASSANDRA_PORT;
    if (pids.alive("kafka").isEmpty()) {
      requireFree("Kafka", KAFKA_PORT);
      KafkaServer server = KafkaServer.start(state.resolve("kafka"), KAFKA_PORT, true);
      pids.write("kafka", server.pid());
      System.out.printf("Kafka      %s (log %s)%n", kafka, server.log());
    }
    if (pids.alive("cassandra").isEmpty()) {
      requireFree("Cassandra", CASSANDRA_PORT);
      CassandraServer server =
          CassandraServer.start(state.resolve("cassandra"), CASSANDRA_PORT, true);
      pids.write("cassandra", server.pid());
      System.out.printf("Cassandra  %s (log %s)%n", cassandra, server.log());
    }
    String token = IngestToken.of(state);
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka,
                "PROTSTREAM_CASSANDRA_CONTACT_POINTS",
                cassandra,
                "PROTSTREAM_CASSANDRA_LOCAL_DATACENTER",
                CassandraServer.DATACENTER,
                "PROTSTREAM_INGEST_API_TOKEN",
                token,
                "PROTSTREAM_INGEST_WATCH_DIRECTORY",
                Files.createDirectories(state.resolve("inbox")).toString(),
                // POST /releases reads local files only from named directories: the sample's
                "PROTSTREAM_INGEST_SOURCE_DIRECTORIES",
                repository.resolve(SAMPLE).getParent().toString()));
    if (model != null) {
      String folder = model.toAbsolutePath().toString();
      env.put("PROTSTREAM_EMBED_MODEL_DIRECTORY", folder);
      env.put("PROTSTREAM_PREDICT_MODEL_DIRECTORY", folder);
      System.out.printf("model      %s%n", folder);
    }
    List<LocalService> started = new ArrayList<>();
    for (LocalService service : LocalService.ALL) {
      if (pids.alive(service.name()).isEmpty()) {
        long pid = service.start(repository, state.resolve("logs"), env, 0);
        pids.write(service.name(), pid);
      }
      started.add(service);
    }
    for (LocalService service : started) {
      service.awaitReady(Duration.ofMinutes(3), state.resolve("logs"));
      System.out.printf(
          "%-14s http://127.0.0.1:%d  (health /q/health, metrics /q/metrics, API /q/openapi)%n",
          service.name(), service.port());
    }
    Path sample = repository.resolve(SAMPLE);
    if (Files.exists(sample)) {
      String ingested = SampleRelease.ingest("http://127.0.0.1:8081", sample, "2025_01", token);
      System.out.println(ingested);
      // a release still being ingested keeps feeding the pipeline: follow it all the same
      if (model != null && !ingested.contains("not ingested") && !ingested.contains("FAILED")) {
        System.out.println(PipelineProgress.awaitAnnotations(Duration.ofMinutes(5)));
      }
    }
    System.out.println(
        "ingest token (Authorization: Bearer ...) in " + state.resolve("ingest-token"));
    System.out.println(
        "release files dropped into " + state.resolve("inbox") + " are ingested too");
    System.out.println(
        "protstream is up; state and logs in " + state + "; stop with deploy/local/stop.sh");
  }

  void stop() {
    PidFiles pids = new PidFiles(state.resolve("pids"));
    // services first, so nothing writes to a broker or database that is going away
    List<String> order = new ArrayList<>();
    LocalService.ALL.forEach(s -> order.add(s.name()));
    order.add("cassandra");
    order.add("kafka");
    for (String name : order) {
      Optional<ProcessHandle> process = pids.alive(name);
      if (process.isPresent()) {
        ServerProcess.stop(process.get(), Duration.ofSeconds(30));
        System.out.println("stopped " + name + " (pid " + process.get().pid() + ")");
      }
      pids.delete(name);
    }
  }

  void status() {
    PidFiles pids = new PidFiles(state.resolve("pids"));
    List<String> names = new ArrayList<>(List.of("kafka", "cassandra"));
    LocalService.ALL.forEach(s -> names.add(s.name()));
    for (String name : names) {
      System.out.printf(
          "%-14s %s%n",
          name, pids.alive(name).map(p -> "running, pid " + p.pid()).orElse("not running"));
    }
  }

  private static void requireFree(String what, int port) {
    if (Ports.accepts("127.0.0.1", port)) {
      throw new IllegalStateException(
          what
              + " port "
              + port
              + " is taken by another program; set PROTSTREAM_"
              + what.toUpperCase()
              + "_PORT to another port");
    }
  }

  static int envInt(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
