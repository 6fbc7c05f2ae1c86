package io.protstream.e2e.bench;

import io.protstream.local.LocalService;
import io.protstream.testinfra.CassandraServer;
import io.protstream.testinfra.KafkaServer;
import io.protstream.testinfra.Ports;
import io.protstream.testinfra.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run starts: a Kafka broker, optionally a Cassandra node, and packaged services
 * as separate JVMs on free ports, all with fresh state under one run folder, all stopped by {@link
 * #close()} (and by the launchers' watchdogs if this JVM dies).
 */
final class BenchStack implements AutoCloseable {

  static final String TOKEN = "bench-token";

  private final Path repository;
  private final Path dir;
  private final Path logs;
  private final Map<String, String> env = new HashMap<>();
  private final List<AutoCloseable> servers = new ArrayList<>();
  private final List<Long> services = new ArrayList<>();
  private KafkaServer kafka;

  BenchStack(String name) throws IOException {
    this.repository =
        Path.of(System.getProperty("e2e.repository", ".")).toAbsolutePath().normalize();
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    this.dir =
        Files.createDirectories(
            repository.resolve("src-test/e2e/target/bench").resolve(name + "-" + stamp));
    this.logs = Files.createDirectories(dir.resolve("logs"));
    env.put("PROTSTREAM_INGEST_API_TOKEN", TOKEN);
  }

  Path dir() {
    return dir;
  }

  Path repository() {
    return repository;
  }

  String startKafka() {
    kafka = KafkaServer.start(dir.resolve("kafka"), 0, false);
    servers.add(kafka);
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    return kafka.bootstrapServers();
  }

  void startCassandra() {
    CassandraServer cassandra = CassandraServer.start(dir.resolve("cassandra"), 0, false);
    servers.add(cassandra);
    env.put("PROTSTREAM_CASSANDRA_CONTACT_POINTS", cassandra.contactPoint());
    env.put("PROTSTREAM_CASSANDRA_LOCAL_DATACENTER", CassandraServer.DATACENTER);
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Adds to the environment of the services started after this call. */
  void env(String name, String value) {
    env.put(name, value);
  }

  /** Starts a packaged service on a free port and waits until it reports ready. */
  LocalService start(String name, Duration readyWithin) {
    LocalService service = new LocalService(name, Ports.free());
    services.add(service.start(repository, logs, env, ProcessHandle.current().pid()));
    service.awaitReady(readyWithin, logs);
    return service;
  }

  @Override
  public void close() {
    for (int i = services.size() - 1; i >= 0; i--) {
      ProcessHandle.of(services.get(i))
          .ifPresent(p -> ServerProcess.stop(p, Duration.ofSeconds(30)));
    }
    for (int i = servers.size() - 1; i >= 0; i--) {
      try {
        servers.get(i).close();
      } catch (Exception e) {
        System.err.println("cannot stop a server: " + e);
      }
    }
  }
}
