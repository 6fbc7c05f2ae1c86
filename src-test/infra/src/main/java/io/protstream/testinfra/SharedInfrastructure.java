package io.protstream.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Kafka broker and one Cassandra node per test JVM, started on first use and stopped when the
 * JVM exits.
 *
 * <p>Set {@code KAFKA_BOOTSTRAP_SERVERS} or {@code CASSANDRA_CONTACT_POINTS} (first {@code
 * host:port}) to use servers that already run instead; {@code CASSANDRA_LOCAL_DATACENTER} names
 * their datacenter. State lives under the module's {@code target/infra/}; data is deleted at exit,
 * logs stay for post-mortems.
 */
public final class SharedInfrastructure {

  private static KafkaEndpoint kafka;
  private static CassandraEndpoint cassandra;

  private SharedInfrastructure() {}

  public static synchronized KafkaEndpoint kafka() {
    if (kafka == null) {
      String existing = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
      if (existing != null && !existing.isBlank()) {
        kafka = new KafkaEndpoint(existing.trim());
      } else {
        Path dir = freshStateDir("kafka");
        KafkaServer server = KafkaServer.start(dir, 0, false);
        deleteDataAtExit(server::close, dir.resolve("data"));
        kafka = new KafkaEndpoint(server.bootstrapServers());
      }
    }
    return kafka;
  }

  public static synchronized CassandraEndpoint cassandra() {
    if (cassandra == null) {
      String existing = System.getenv("CASSANDRA_CONTACT_POINTS");
      if (existing != null && !existing.isBlank()) {
        String first = existing.split(",")[0].trim();
        String dc =
            System.getenv().getOrDefault("CASSANDRA_LOCAL_DATACENTER", CassandraServer.DATACENTER);
        cassandra = new CassandraEndpoint(first.contains(":") ? first : first + ":9042", dc);
      } else {
        Path dir = freshStateDir("cassandra");
        CassandraServer server = CassandraServer.start(dir, 0, false);
        deleteDataAtExit(server::close, dir.resolve("data"));
        cassandra = new CassandraEndpoint(server.contactPoint(), CassandraServer.DATACENTER);
      }
    }
    return cassandra;
  }

  static Path freshStateDir(String server) {
    String build = System.getProperty("protstream.build.directory", "target");
    Path dir =
        Path.of(
                build,
                "infra",
                server + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
            .toAbsolutePath();
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteDataAtExit(Runnable stop, Path data) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.run();
                  deleteRecursively(data);
                },
                "infra-cleanup"));
  }

  private static void deleteRecursively(Path root) {
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
