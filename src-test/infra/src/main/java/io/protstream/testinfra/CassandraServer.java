package io.protstream.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-node Cassandra 5.0 on 127.0.0.1 in a child JVM (JDK 11 or 17; {@code
 * CASSANDRA_JAVA_HOME} to choose).
 */
public final class CassandraServer implements AutoCloseable {

  public static final String DATACENTER = "datacenter1";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final ServerProcess process;
  private final Path stateDir;
  private final int port;
  private final int storagePort;
  private final int jmxPort;
  private final boolean outliveLauncher;

  private CassandraServer(
      ServerProcess process,
      Path stateDir,
      int port,
      int storagePort,
      int jmxPort,
      boolean outliveLauncher) {
    this.process = process;
    this.stateDir = stateDir;
    this.port = port;
    this.storagePort = storagePort;
    this.jmxPort = jmxPort;
    this.outliveLauncher = outliveLauncher;
  }

  /**
   * Starts Cassandra with its data under {@code stateDir}.
   *
   * @param port the CQL port, or 0 for a free one
   * @param outliveLauncher keep running after this JVM exits (the local run); tests pass false
   */
  public static CassandraServer start(Path stateDir, int port, boolean outliveLauncher) {
    return launch(
        stateDir, port > 0 ? port : Ports.free(), Ports.free(), Ports.free(), outliveLauncher);
  }

  /**
   * Stops this node (SIGTERM, as {@link #close}) and starts it again on the same state folder and
   * the same native, storage and JMX ports, its data kept, so that sessions configured with {@link
   * #contactPoint} reconnect to it.
   *
   * @return the running node; this instance stays closed
   */
  public CassandraServer restart() {
    close();
    return launch(stateDir, port, storagePort, jmxPort, outliveLauncher);
  }

  private static CassandraServer launch(
      Path stateDir, int nativePort, int storagePort, int jmxPort, boolean outliveLauncher) {
    Path config = writeConfig(stateDir, nativePort, storagePort);
    String classpath = ServerClasspath.of("cassandra");
    List<String> jvm = new ArrayList<>();
    // As root Cassandra locks its memory (mlockall): resident memory is the committed heap, so
    // start small.
    jvm.addAll(ServerProcess.optionsFromEnv("CASSANDRA_HEAP", "-Xms256m -Xmx768m"));
    jvm.addAll(jdkOptions());
    ServerClasspath.entries(classpath).stream()
        .filter(entry -> entry.matches(".*/jamm-[0-9.]+\\.jar"))
        .findFirst()
        .ifPresent(jamm -> jvm.add("-javaagent:" + jamm));
    Path tmp = stateDir.resolve("tmp");
    jvm.addAll(
        List.of(
            "-Dcassandra.config=" + config.toUri(),
            "-Dcassandra.storagedir=" + stateDir.resolve("data"),
            "-Dlogback.configurationFile=" + stateDir.resolve("logback.xml"),
            "-Dcassandra-foreground=yes",
            "-Djava.io.tmpdir=" + tmp,
            "-Djna.tmpdir=" + tmp,
            "-Duser.home=" + stateDir,
            // single node on loopback: nothing to wait for
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-Dcassandra.ring_delay_ms=0",
            "-Dcassandra.superuser_setup_delay_ms=0",
            "-Dcassandra.unsafesystem=" + !outliveLauncher,
            "-Dcassandra.jmx.local.port=" + jmxPort));
    ServerProcess process =
        ServerProcess.start(
            new ServerProcess.Spec(
                "cassandra",
                ServerProcess.javaExecutable("CASSANDRA_JAVA_HOME"),
                jvm,
                classpath,
                "org.apache.cassandra.service.CassandraDaemon",
                List.of(),
                stateDir,
                outliveLauncher));
    process.awaitReady(() -> Ports.accepts("127.0.0.1", nativePort), START_TIMEOUT);
    return new CassandraServer(
        process, stateDir, nativePort, storagePort, jmxPort, outliveLauncher);
  }

  /** {@code host:port} as the java-driver's contact points take it. */
  public String contactPoint() {
    return "127.0.0.1:" + port;
  }

  /** Where the node keeps its configuration, data ({@code data/}) and log. */
  public Path stateDir() {
    return stateDir;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }

  private static List<String> jdkOptions() {
    try (InputStream in = CassandraServer.class.getResourceAsStream("cassandra-jvm17.options")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .flatMap(line -> List.of(line.split("\\s+")).stream())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path writeConfig(Path dir, int nativePort, int storagePort) {
    Path data = dir.resolve("data");
    String yaml =
        String.join(
            "\n",
            "cluster_name: protstream",
            "num_tokens: 1",
            "initial_token: 0",
            "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
            "endpoint_snitch: SimpleSnitch",
            "seed_provider:",
            "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
            "    parameters:",
            "      - seeds: \"127.0.0.1:" + storagePort + "\"",
            "listen_address: 127.0.0.1",
            "rpc_address: 127.0.0.1",
            "storage_port: " + storagePort,
            "native_transport_port: " + nativePort,
            "start_native_transport: true",
            "auto_bootstrap: false",
            "data_file_directories:",
            "  - " + data.resolve("data"),
            "commitlog_directory: " + data.resolve("commitlog"),
            "saved_caches_directory: " + data.resolve("saved_caches"),
            "hints_directory: " + data.resolve("hints"),
            "cdc_raw_directory: " + data.resolve("cdc_raw"),
            "commitlog_sync: periodic",
            "commitlog_sync_period: 10000ms",
            "commitlog_segment_size: 8MiB",
            "memtable_heap_space: 64MiB",
            "memtable_offheap_space: 64MiB",
            "key_cache_size: 0MiB",
            "counter_cache_size: 0MiB",
            "concurrent_compactors: 1",
            // 5.0 features (vector type, SAI) on a fresh cluster
            "storage_compatibility_mode: NONE",
            "sai_options:",
            "  segment_write_buffer_size: 64MiB",
            "authenticator: AllowAllAuthenticator",
            "authorizer: AllowAllAuthorizer",
            // no snapshot on DROP/TRUNCATE: tests and the local run throw state away whole
            "auto_snapshot: false",
            "disk_access_mode: mmap_index_only",
            "");
    try {
      Files.createDirectories(data);
      Files.createDirectories(dir.resolve("tmp"));
      Path config = dir.resolve("cassandra.yaml");
      Files.writeString(config, yaml);
      Files.copy(
          CassandraServer.class.getResourceAsStream("cassandra-logback.xml"),
          dir.resolve("logback.xml"),
          StandardCopyOption.REPLACE_EXISTING);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Cassandra config in " + dir, e);
    }
  }
}
