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
            Topics.SEQUENCES_DLQ,
            Topics.PROTEIN_EMBEDDINGS_DLQ,
            Topics.RESIDUE_EMBEDDINGS_DLQ,
            Topics.ANNOTATIONS_DLQ),
        Topics.ALL.stream().map(TopicSpec::name).toList());
    for (TopicSpec t : Topics.ALL) {
      Topic.validate(t.name()); // legal Kafka topic name
    }
  }

  @Test
  void compactionWhereTheLatestValuePerKeyIsTheState() {
    assertTrue(spec(Topics.PROTEIN_EMBEDDINGS).compacted());
    assertTrue(spec(Topics.ANNOTATIONS).compacted());
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
    assertEquals(64 * 1024 * 1024, residues.maxMessageBytes());
    assertEquals(Duration.ofHours(24).toMillis(), residues.retentionMs());
    for (TopicSpec t : Topics.EVENT_TOPICS) {
      assertTrue(t.maxMessageBytes() <= residues.maxMessageBytes(), t.name());
    }
  }

  /** The documented longest sequence really fits, with room for key and batch overhead. */
  @Test
  void longestDocumentedResidueMatrixFitsOneRecord() {
    int length = Topics.RESIDUE_EMBEDDINGS_MAX_LENGTH;
    int dimension = 1024;
    ResidueEmbeddingEvent event =
        ResidueEmbeddingEvent.newBuilder(io.protstream.schemas.EventFixtures.residueEmbedding())
            .setLength(length)
            .setDimension(dimension)
            .setAccessions(List.of("A0A000000001", "A0A000000002", "A0A000000003"))
            .setResidues(ByteBuffer.allocate(2 * length * dimension))
            .build();
    int value = new EventCodec<>(ResidueEmbeddingEvent.class).encode(event).length;
    int batchAndRecordOverhead = 61 + 21;
    int key = event.getSequenceDigest().length();
    assertTrue(
        value + key + batchAndRecordOverhead <= spec(Topics.RESIDUE_EMBEDDINGS).maxMessageBytes(),
        "value " + value);
    assertTrue(
        2L * (length + 1) * dimension + key + batchAndRecordOverhead
            > spec(Topics.RESIDUE_EMBEDDINGS).maxMessageBytes(),
        "the documented maximum length is tight");
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
