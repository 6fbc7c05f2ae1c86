package io.protstream.e2e;

import io.protstream.schemas.DeadLetter;
import io.protstream.schemas.Topics;
import io.protstream.testinfra.KafkaProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a read_committed consumer finds on the pipeline's topics after a run: how many records each
 * key has per output topic, and every dead letter with its reason.
 */
record TopicCensus(Map<String, Map<String, Integer>> perKey, List<String> deadLetters) {

  /** The output topics, each keyed by accession (sequences) or sequence digest (the others). */
  static final List<String> OUTPUTS =
      List.of(
          Topics.SEQUENCES,
          Topics.PROTEIN_EMBEDDINGS,
          Topics.RESIDUE_EMBEDDINGS,
          Topics.ANNOTATIONS,
          Topics.TRANSFERRED_ANNOTATIONS);

  static final List<String> DEAD_LETTER_TOPICS =
      List.of(
          Topics.SEQUENCES_DLQ,
          Topics.PROTEIN_EMBEDDINGS_DLQ,
          Topics.RESIDUE_EMBEDDINGS_DLQ,
          Topics.ANNOTATIONS_DLQ,
          Topics.TRANSFERRED_ANNOTATIONS_DLQ);

  static TopicCensus of(String bootstrapServers) {
    Map<String, Map<String, Integer>> perKey = new TreeMap<>();
    for (String topic : OUTPUTS) {
      Map<String, Integer> counts = new TreeMap<>();
      TopicReader.forEachCommitted(
          bootstrapServers, topic, r -> counts.merge(String.valueOf(r.key()), 1, Integer::sum));
      perKey.put(topic, counts);
    }
    List<String> dead = new ArrayList<>();
    for (String topic : DEAD_LETTER_TOPICS) {
      for (ConsumerRecord<String, byte[]> r : TopicReader.readCommitted(bootstrapServers, topic)) {
        dead.add(
            topic
                + " key="
                + r.key()
                + " reason="
                + KafkaProbe.header(r, DeadLetter.REASON)
                + " stage="
                + KafkaProbe.header(r, DeadLetter.STAGE));
      }
    }
    return new TopicCensus(perKey, dead);
  }

  Map<String, Integer> counts(String topic) {
    return perKey.getOrDefault(topic, Map.of());
  }
}
