package io.protstream.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each consumer group is behind on each topic it reads: the sum over partitions of the last
 * stable offset minus the group's committed offset.
 *
 * <p>A group that reads a transactional topic stays up to one offset per partition behind even when
 * it has read everything: the transaction's commit marker takes an offset no record has, and a
 * group commits the offset after its last record. {@link #drained()} allows for that.
 */
public record ConsumerLag(String group, String topic, int partitions, long committed, long end) {

  private static final long TIMEOUT_SECONDS = 5;

  public long lag() {
    return Math.max(0, end - committed);
  }

  /** Nothing left to read but commit markers. */
  public boolean drained() {
    return lag() <= partitions;
  }

  /** Every consumer group of the broker at {@code bootstrapServers}, by group then topic. */
  public static List<ConsumerLag> of(String bootstrapServers) {
    return of(bootstrapServers, Map.of());
  }

  /**
   * As {@link #of(String)}, and also each {@code expected} group's topics that it has committed
   * nothing on yet (a group that has not started counts as behind by everything in the topic).
   */
  public static List<ConsumerLag> of(String bootstrapServers, Map<String, List<String>> expected) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    try (Admin admin = Admin.create(config)) {
      Collection<GroupListing> groups =
          admin
              .listGroups(ListGroupsOptions.forConsumerGroups())
              .all()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
      for (GroupListing group : groups) {
        committed.put(
            group.groupId(),
            new HashMap<>(
                admin
                    .listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)));
      }
      List<String> missingTopics = new ArrayList<>();
      expected.forEach(
          (group, topics) -> {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                committed.computeIfAbsent(group, g -> new HashMap<>());
            topics.stream()
                .filter(t -> offsets.keySet().stream().noneMatch(tp -> tp.topic().equals(t)))
                .forEach(missingTopics::add);
          });
      Map<String, List<TopicPartition>> partitions = new HashMap<>();
      if (!missingTopics.isEmpty()) {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> present =
            missingTopics.stream().filter(existing::contains).distinct().toList();
        if (!present.isEmpty()) {
          admin
              .describeTopics(present)
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .forEach(
                  (topic, description) ->
                      partitions.put(
                          topic,
                          description.partitions().stream()
                              .map(p -> new TopicPartition(topic, p.partition()))
                              .toList()));
        }
      }
      // a group's topic with no commit yet: every partition from offset 0
      expected.forEach(
          (group, topics) -> {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.get(group);
            for (String topic : topics) {
              if (offsets.keySet().stream().noneMatch(tp -> tp.topic().equals(topic))) {
                partitions
                    .getOrDefault(topic, List.of())
                    .forEach(tp -> offsets.put(tp, new OffsetAndMetadata(0)));
              }
            }
          });
      Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
      committed
          .values()
          .forEach(m -> m.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          wanted.isEmpty()
              ? Map.of()
              : admin
                  .listOffsets(wanted, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                  .all()
                  .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<ConsumerLag> out = new ArrayList<>();
      committed.forEach(
          (group, offsets) -> {
            Map<String, long[]> byTopic = new TreeMap<>();
            offsets.forEach(
                (tp, offset) -> {
                  long[] sums = byTopic.computeIfAbsent(tp.topic(), t -> new long[3]);
                  sums[0]++;
                  sums[1] += offset == null ? 0 : offset.offset();
                  var end = ends.get(tp);
                  sums[2] += end == null ? 0 : end.offset();
                });
            byTopic.forEach(
                (topic, s) -> out.add(new ConsumerLag(group, topic, (int) s[0], s[1], s[2])));
          });
      return out;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read consumer group offsets: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
