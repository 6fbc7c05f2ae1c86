package io.protstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.schemas.serde.EventCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void everyEventTopicHasADeadLetterTopic() {
    Set<String> names = new HashSet<>();
    Topics.ALL.forEach(t -> names.add(t.name()));
    assertEquals(Topics.ALL.size(), names.size(), "unique names");
    for (TopicSpec t : Topics.EVENT_TOPICS) {
      assertTrue(names.contains(Topics.dlqOf(t.name())), t.name());
      TopicSpec dlq = Topics.spec(Topics.dlqOf(t.name())).orElseThrow();
      assertFalse(dlq.compacted(), "a dead-letter topic keeps every failure");
      assertTrue(dlq.maxMessageBytes() >= t.maxMessageBytes(), "holds any record of its source");
    }
    assertEquals(2 * Topics.EVENT_TOPICS.size(), Topics.ALL.size());
  }

  @Test
  void constantsNameTheSpecifiedTopics() {
    assertEquals(
        List.of(
            Topics.SEQUENCES,
            Topics.PROTEIN_EMBEDDINGS,
            Topics.RESIDUE_EMBEDDINGS,
            Topics.ANNOTATIONS,
            Topics.TRANSFERRED_ANNOTATIONS,
            Topics.SEQUENCES_DLQ,
            Topics.PROTEIN_EMBEDDINGS_DLQ,
            Topics.RESIDUE_EMBEDDINGS_DLQ,
            Topics.ANNOTATIONS_DLQ,
            Topics.TRANSFERRED_ANNOTATIONS_DLQ),
        Topics.ALL.stream().map(TopicSpec::name).toList());
    for (TopicSpec t : Topics.ALL) {
      Topic.validate(t.name()); // legal Kafka topic name
    }
  }

  @Test
  void compactionWhereTheLatestValuePerKeyIsTheState() {
    assertTrue(spec(Topics.PROTEIN_EMBEDDINGS).compacted());
    assertTrue(spec(Topics.ANNOTATIONS).compacted());
    assertTrue(spec(Topics.TRANSFERRED_ANNOTATIONS).compacted());
    assertFalse(spec(Topics.SEQUENCES).compacted());
    assertFalse(spec(Topics.RESIDUE_EMBEDDINGS).compacted());
    for (TopicSpec t : Topics.ALL) {
      if (t.compacted()) {
        assertEquals(-1, t.retentionMs(), t.name());
      } else {
        assertTrue(t.retentionMs() > 0, t.name());
      }
    }
  }

  @Test
  void residueTopicIsLargeAndShortLived() {
    TopicSpec residues = spec(Topics.RESIDUE_EMBEDDINGS);
    assertEquals(8 * 1024 * 1024, residues.maxMessageBytes());
    assertEquals(Duration.ofHours(24).toMillis(), residues.retentionMs());
    for (TopicSpec t : Topics.EVENT_TOPICS) {
      assertTrue(t.maxMessageBytes() <= residues.maxMessageBytes(), t.name());
    }
  }

  /** A full-size part of the longest accepted sequence fits one record, with room to spare. */
  @Test
  void largestResiduePartFitsOneRecord() {
    int length = SequenceLimits.MAX_RESIDUES;
    int dimension = 1024;
    ResidueEmbeddingEvent whole =
        ResidueEmbeddingEvent.newBuilder(io.protstream.schemas.EventFixtures.residueEmbedding())
            .setLength(length)
            .setDimension(dimension)
            .setAccessions(List.of("A0A000000001", "A0A000000002", "A0A000000003"))
            .setResidues(ByteBuffer.allocate(2 * length * dimension))
            .build();
    List<ResidueEmbeddingEvent> parts = ResidueParts.split(whole, ResidueParts.MAX_PART_BYTES);
    // 40,000 rows of 2 KiB in parts of 2,048 rows: 19 full parts and one of 1,088 rows
    assertEquals(20, parts.size());
    int value = new EventCodec<>(ResidueEmbeddingEvent.class).encode(parts.get(0)).length;
    int batchAndRecordOverhead = 61 + 21;
    int key = whole.getSequenceDigest().length();
    assertTrue(value >= 4 * 1024 * 1024, "a full part carries 4 MiB of rows: " + value);
    long record = (long) value + key + batchAndRecordOverhead;
    assertTrue(
        record <= 0.51 * spec(Topics.RESIDUE_EMBEDDINGS).maxMessageBytes(),
        "a full part uses about half of max.message.bytes: " + record);
  }

  @Test
  void newTopicCarriesTheSettings() {
    for (TopicSpec t : Topics.ALL) {
      NewTopic topic = t.toNewTopic();
      assertEquals(t.name(), topic.name());
      assertEquals(t.partitions(), topic.numPartitions());
      assertTrue(topic.replicationFactor() < 0, "broker default replication");
      Map<String, String> configs = topic.configs();
      assertEquals(t.cleanupPolicy(), configs.get(TopicConfig.CLEANUP_POLICY_CONFIG));
      assertEquals(Long.toString(t.retentionMs()), configs.get(TopicConfig.RETENTION_MS_CONFIG));
      assertEquals(
          Integer.toString(t.maxMessageBytes()), configs.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
      NewTopic single = t.toNewTopic(1, (short) 1);
      assertEquals(1, single.numPartitions());
      assertEquals(1, single.replicationFactor());
      assertEquals(configs, single.configs());
    }
  }

  private static TopicSpec spec(String name) {
    return Topics.spec(name).orElseThrow();
  }
}
