package io.protstream.schemas;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics a service uses, with their documented settings, where they do not exist yet.
 * Services run it at start-up when configured to (local runs and tests); production clusters
 * usually get their topics from operators.
 */
public final class TopicProvisioner {

  private TopicProvisioner() {}

  /**
   * Creates every missing topic of {@code specs}; existing topics are left as they are.
   *
   * @param partitions partition count, or 0 for each spec's default
   * @param replicationFactor replicas per partition (1 on a single-node broker)
   */
  public static void ensure(
      String bootstrapServers,
      Collection<TopicSpec> specs,
      int partitions,
      short replicationFactor) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          specs.stream()
              .filter(spec -> !existing.contains(spec.name()))
              .map(
                  spec ->
                      spec.toNewTopic(
                          partitions > 0 ? partitions : spec.partitions(), replicationFactor))
              .toList();
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // another service created the same topic a moment ago: that is the outcome we want
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
          throw e;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrapServers, e);
    }
  }

  /** The specs of the named topics and of their dead-letter topics. */
  public static List<TopicSpec> withDeadLetters(String... topics) {
    return Topics.ALL.stream()
        .filter(
            spec ->
                List.of(topics).contains(spec.name())
                    || List.of(topics).stream().anyMatch(t -> spec.name().equals(Topics.dlqOf(t))))
        .toList();
  }
}
