package io.protstream.e2e;

import io.protstream.local.LocalService;
import io.protstream.testinfra.Ports;
import io.protstream.testinfra.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The four packaged services as separate JVMs against one broker and one Cassandra node, each with
 * its own port that a restart keeps. Every JVM is watched by the calling JVM, so none outlives it.
 */
final class ServiceSet implements AutoCloseable {

  static final String INGEST = "ingest-service";
  static final String EMBED = "embed-service";
  static final String PREDICT = "predict-service";
  static final String INDEX = "index-service";
  static final List<String> NAMES = List.of(INGEST, EMBED, PREDICT, INDEX);

  static final String TOKEN = "e2e-token";
  static final Path REPOSITORY = Path.of(System.getProperty("e2e.repository", "../.."));
  private static final Duration READY = Duration.ofMinutes(3);

  /**
   * Where the services run and what they read.
   *
   * @param keyspacePrefix ingest's ledger is {@code <prefix>_ingest}, the index {@code
   *     <prefix>_index}
   * @param releaseDirectory the one folder ingest-service may read release files from
   */
  record Settings(
      String bootstrapServers,
      String cassandraContactPoint,
      String datacenter,
      String keyspacePrefix,
      Path model,
      Path releaseDirectory,
      Path logs,
      long lshSeed) {}

  private final Settings settings;
  private final Map<String, LocalService> services = new LinkedHashMap<>();
  private final Map<String, Long> pids = new ConcurrentHashMap<>();

  ServiceSet(Settings settings) {
    this.settings = settings;
    for (String name : NAMES) {
      services.put(name, new LocalService(name, Ports.free()));
    }
  }

  /** Starts every service and returns once all four report ready. */
  ServiceSet startAll() throws Exception {
    Files.createDirectories(settings.logs());
    for (String name : NAMES) {
      launch(name);
    }
    CompletableFuture.allOf(
            NAMES.stream()
                .map(n -> CompletableFuture.runAsync(() -> awaitReady(n)))
                .toArray(CompletableFuture[]::new))
        .join();
    return this;
  }

  /** Starts one service (again) on its port. */
  void launch(String name) {
    long pid =
        services
            .get(name)
            .start(
                ServiceSet.REPOSITORY, settings.logs(), env(name), ProcessHandle.current().pid());
    pids.put(name, pid);
  }

  void awaitReady(String name) {
    services.get(name).awaitReady(READY, settings.logs());
  }

  /** SIGKILL, and wait until the process is gone. */
  void kill(String name) {
    Long pid = pids.get(name);
    if (pid != null) {
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                p.destroyForcibly();
                p.onExit().join();
              });
    }
  }

  String url(String name) {
    return "http://127.0.0.1:" + services.get(name).port();
  }

  Path log(String name) {
    return settings.logs().resolve(name + ".log");
  }

  String ingestKeyspace() {
    return settings.keyspacePrefix() + "_ingest";
  }

  String indexKeyspace() {
    return settings.keyspacePrefix() + "_index";
  }

  private Map<String, String> env(String name) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers());
    env.put("PROTSTREAM_CASSANDRA_CONTACT_POINTS", settings.cassandraContactPoint());
    env.put("PROTSTREAM_CASSANDRA_LOCAL_DATACENTER", settings.datacenter());
    switch (name) {
      case INGEST -> {
        env.put("PROTSTREAM_CASSANDRA_KEYSPACE", ingestKeyspace());
        env.put("PROTSTREAM_INGEST_API_TOKEN", TOKEN);
        env.put(
            "PROTSTREAM_INGEST_SOURCE_DIRECTORIES",
            settings.releaseDirectory().toAbsolutePath().normalize().toString());
      }
      case EMBED -> env.put("PROTSTREAM_EMBED_MODEL_DIRECTORY", settings.model().toString());
      case PREDICT -> env.put("PROTSTREAM_PREDICT_MODEL_DIRECTORY", settings.model().toString());
      case INDEX -> {
        env.put("PROTSTREAM_CASSANDRA_KEYSPACE", indexKeyspace());
        env.put("PROTSTREAM_INDEX_LSH_SEED", Long.toString(settings.lshSeed()));
        env.put("PROTSTREAM_EMBED_URL", url(EMBED));
      }
      default -> throw new IllegalArgumentException(name);
    }
    return env;
  }

  /** SIGTERM to every service still running, SIGKILL after a grace period. */
  @Override
  public void close() {
    CompletableFuture.allOf(
            pids.values().stream()
                .map(
                    pid ->
                        CompletableFuture.runAsync(
                            () ->
                                ProcessHandle.of(pid)
                                    .ifPresent(p -> ServerProcess.stop(p, Duration.ofSeconds(20)))))
                .toArray(CompletableFuture[]::new))
        .join();
  }
}
