package io.protstream.e2e;

import io.protstream.testinfra.CassandraServer;
import io.protstream.testinfra.KafkaServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A broker or a node of the chaos run's own, with fresh state, restarted in place (same state
 * folder and ports), so the services find it where it was.
 */
final class ChaosServers {

  private ChaosServers() {}

  /** A Kafka broker with fresh state in {@code dir}. */
  static final class Broker implements AutoCloseable {
    private final Path dir;
    private KafkaServer server;

    Broker(Path dir) throws IOException {
      this.dir = fresh(dir);
      this.server = KafkaServer.start(this.dir, 0, false);
    }

    String bootstrapServers() {
      return server.bootstrapServers();
    }

    void restart() {
      server = server.restart();
    }

    @Override
    public void close() {
      server.close();
      delete(dir.resolve("data"));
    }
  }

  /** A Cassandra node with fresh state in {@code dir}. */
  static final class Node implements AutoCloseable {
    private final Path dir;
    private CassandraServer server;

    Node(Path dir) throws IOException {
      this.dir = fresh(dir);
      this.server = CassandraServer.start(this.dir, 0, false);
    }

    String contactPoint() {
      return server.contactPoint();
    }

    void restart() {
      server = server.restart();
    }

    @Override
    public void close() {
      server.close();
      delete(dir.resolve("data"));
    }
  }

  private static Path fresh(Path dir) throws IOException {
    delete(dir);
    return Files.createDirectories(dir.toAbsolutePath());
  }

  private static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover folder under target/ is harmless
    }
  }
}
