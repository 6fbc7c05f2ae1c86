package io.protstream.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) on 127.0.0.1, in a
 * child JVM.
 */
public final class KafkaServer implements AutoCloseable {

  /** Any 22-character base64 UUID works; a fixed one keeps formatted state reproducible. */
  private static final String CLUSTER_ID = "cHJvdHN0cmVhbS1rYWZrYQ";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final ServerProcess process;
  private final Path stateDir;
  private final int port;
  private final int controllerPort;
  private final boolean outliveLauncher;

  private KafkaServer(
      ServerProcess process, Path stateDir, int port, int controllerPort, boolean outliveLauncher) {
    this.process = process;
    this.stateDir = stateDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.outliveLauncher = outliveLauncher;
  }

  /**
   * Formats {@code stateDir} if needed and starts the broker.
   *
   * @param port the client port, or 0 for a free one
   * @param outliveLauncher keep running after this JVM exits (the local run); tests pass false
   */
  public static KafkaServer start(Path stateDir, int port, boolean outliveLauncher) {
    return launch(stateDir, port > 0 ? port : Ports.free(), Ports.free(), outliveLauncher);
  }

  /**
   * Stops this broker (SIGTERM, as {@link #close}) and starts it again on the same state folder and
   * the same client and controller ports, its data kept, so that clients configured with {@link
   * #bootstrapServers} reconnect to it.
   *
   * @return the running broker; this instance stays closed
   */
  public KafkaServer restart() {
    close();
    return launch(stateDir, port, controllerPort, outliveLauncher);
  }

  private static KafkaServer launch(
      Path stateDir, int clientPort, int controllerPort, boolean outliveLauncher) {
    Path config = writeConfig(stateDir, clientPort, controllerPort);
    String classpath = ServerClasspath.of("kafka");
    List<String> jvm =
        List.of(
            "-Dlog4j2.configurationFile=" + stateDir.resolve("log4j2.properties"),
            "-Djava.io.tmpdir=" + stateDir.resolve("tmp"));
    String java = ServerProcess.javaExecutable("KAFKA_JAVA_HOME");
    if (!Files.exists(stateDir.resolve("data/meta.properties"))) {
      ServerProcess.runToCompletion(
          new ServerProcess.Spec(
              "kafka-format",
              java,
              jvm,
              classpath,
              "kafka.tools.StorageTool",
              List.of(
                  "format",
                  "--cluster-id",
                  CLUSTER_ID,
                  "--config",
                  config.toString(),
                  "--ignore-formatted"),
              stateDir,
              false),
          Duration.ofSeconds(60));
    }
    List<String> serverJvm =
        new java.util.ArrayList<>(ServerProcess.optionsFromEnv("KAFKA_HEAP", "-Xms128m -Xmx512m"));
    serverJvm.add("-XX:+UseG1GC");
    serverJvm.addAll(jvm);
    ServerProcess process =
        ServerProcess.start(
            new ServerProcess.Spec(
                "kafka",
                java,
                serverJvm,
                classpath,
                "kafka.Kafka",
                List.of(config.toString()),
                stateDir,
                outliveLauncher));
    process.awaitReady(
        () -> process.logContains("Kafka Server started") && Ports.accepts("127.0.0.1", clientPort),
        START_TIMEOUT);
    return new KafkaServer(process, stateDir, clientPort, controllerPort, outliveLauncher);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Where the broker keeps its configuration, data ({@code data/}) and log. */
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

  private static Path writeConfig(Path dir, int port, int controllerPort) {
    try {
      Files.createDirectories(dir.resolve("tmp"));
      Files.copy(
          KafkaServer.class.getResourceAsStream("kafka-log4j2.properties"),
          dir.resolve("log4j2.properties"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String properties =
          String.join(
              "\n",
              "process.roles=broker,controller",
              "node.id=1",
              "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
              "listeners=PLAINTEXT://127.0.0.1:"
                  + port
                  + ",CONTROLLER://127.0.0.1:"
                  + controllerPort,
              "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
              "controller.listener.names=CONTROLLER",
              "inter.broker.listener.name=PLAINTEXT",
              "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
              "log.dirs=" + dir.resolve("data"),
              "num.partitions=1",
              // topics are created with their documented settings (schemas: Topics), never by
              // accident
              "auto.create.topics.enable=false",
              // one node: every internal topic must live with a single replica, or groups and
              // transactions never become ready
              "offsets.topic.replication.factor=1",
              "offsets.topic.num.partitions=1",
              "transaction.state.log.replication.factor=1",
              "transaction.state.log.min.isr=1",
              "share.coordinator.state.topic.replication.factor=1",
              "share.coordinator.state.topic.min.isr=1",
              "group.initial.rebalance.delay.ms=0",
              // per-residue embeddings are large messages
              "message.max.bytes=67108864",
              "replica.fetch.max.bytes=67108864",
              "");
      Path config = dir.resolve("server.properties");
      Files.writeString(config, properties);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Kafka config in " + dir, e);
    }
  }
}
