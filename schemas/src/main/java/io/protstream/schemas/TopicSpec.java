package io.protstream.schemas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How one topic is created.
 *
 * @param name topic name
 * @param partitionKey what the record key is (UTF-8 string), which decides ordering and compaction
 * @param valueType what the record value is
 * @param partitions default partition count
 * @param cleanupPolicy {@link TopicConfig#CLEANUP_POLICY_COMPACT} or {@link
 *     TopicConfig#CLEANUP_POLICY_DELETE}
 * @param retentionMs retention of a delete topic; -1 (forever) for compacted topics
 * @param maxMessageBytes largest record batch the broker accepts; producers need {@code
 *     max.request.size} and consumers {@code max.partition.fetch.bytes} at least this large
 */
public record TopicSpec(
    String name,
    String partitionKey,
    String valueType,
    int partitions,
    String cleanupPolicy,
    long retentionMs,
    int maxMessageBytes) {

  public TopicSpec {
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions " + partitions);
    }
    if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(cleanupPolicy)
        && !TopicConfig.CLEANUP_POLICY_DELETE.equals(cleanupPolicy)) {
      throw new IllegalArgumentException(name + ": cleanup.policy " + cleanupPolicy);
    }
  }

  public boolean compacted() {
    return TopicConfig.CLEANUP_POLICY_COMPACT.equals(cleanupPolicy);
  }

  /** Topic-level configuration overrides. */
  public Map<String, String> configs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
    configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
    configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
    return configs;
  }

  /** The topic with the default partition count and the broker's default replication factor. */
  public NewTopic toNewTopic() {
    return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs());
  }

  /** The topic with explicit partition count and replication factor (1 on a single-node broker). */
  public NewTopic toNewTopic(int partitions, short replicationFactor) {
    return new NewTopic(name, partitions, replicationFactor).configs(configs());
  }
}
