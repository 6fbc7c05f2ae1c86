package io.protstream.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics between the services. Every key is a UTF-8 string. Every topic {@code t} has a
 * dead-letter topic {@code t.dlq} that receives the original key and value bytes unchanged, with
 * the headers of {@link DeadLetter}.
 *
 * <pre>
 * ingest --uniprot.sequences.v1--> embed --protein.embeddings.v1---------> index
 *                                        --protein.residue-embeddings.v1--> predict --protein.annotations.v1--> index
 * index --protein.transferred-annotations.v1--> downstream databases
 * </pre>
 */
public final class Topics {

  /** Suffix of dead-letter topics. */
  public static final String DLQ_SUFFIX = ".dlq";

  /**
   * {@code SequenceEvent}s, one per changed UniProt entry per release. Key: accession, so all
   * events of an entry stay ordered. Delete policy, 7 days: a release is re-ingested from UniProt,
   * not from Kafka.
   */
  public static final String SEQUENCES = "uniprot.sequences.v1";

  /**
   * {@code ProteinEmbeddingEvent}s. Key: sequence digest, so identical sequences share one record.
   * Compacted: the topic is the durable set of embeddings that the index can be rebuilt from.
   */
  public static final String PROTEIN_EMBEDDINGS = "protein.embeddings.v1";

  /**
   * {@code ResidueEmbeddingEvent}s, L x 1024 fp16 each (about 2 KiB per residue), in parts of at
   * most {@link ResidueParts#MAX_PART_BYTES}. Key: sequence digest. Delete policy with 24 h
   * retention: a hand-over to the prediction heads, too large to keep.
   */
  public static final String RESIDUE_EMBEDDINGS = "protein.residue-embeddings.v1";

  /**
   * {@code AnnotationEvent}s. Key: sequence digest. Compacted: the latest predictions per sequence.
   */
  public static final String ANNOTATIONS = "protein.annotations.v1";

  /**
   * {@code TransferredAnnotationEvent}s: GO terms, EC numbers, keywords and subcellular locations
   * transferred by index-service to sequences without curated annotations from their nearest
   * reviewed neighbours. Key: sequence digest. Compacted: the latest transfer per sequence.
   */
  public static final String TRANSFERRED_ANNOTATIONS = "protein.transferred-annotations.v1";

  public static final String SEQUENCES_DLQ = SEQUENCES + DLQ_SUFFIX;
  public static final String PROTEIN_EMBEDDINGS_DLQ = PROTEIN_EMBEDDINGS + DLQ_SUFFIX;
  public static final String RESIDUE_EMBEDDINGS_DLQ = RESIDUE_EMBEDDINGS + DLQ_SUFFIX;
  public static final String ANNOTATIONS_DLQ = ANNOTATIONS + DLQ_SUFFIX;
  public static final String TRANSFERRED_ANNOTATIONS_DLQ = TRANSFERRED_ANNOTATIONS + DLQ_SUFFIX;

  /** Default partitions of the event topics; bounds the parallelism of each consumer group. */
  public static final int DEFAULT_PARTITIONS = 12;

  /** Dead-letter topics are low volume. */
  public static final int DLQ_PARTITIONS = 3;

  /**
   * Largest per-residue record: 8 MiB, twice a part's payload ({@link
   * ResidueParts#MAX_PART_BYTES}). Matrices are split into parts, so any sequence up to {@link
   * SequenceLimits#MAX_RESIDUES} fits the topic whatever the embedding width.
   */
  public static final int RESIDUE_EMBEDDINGS_MAX_MESSAGE_BYTES = 2 * ResidueParts.MAX_PART_BYTES;

  private static final long FOREVER = -1L;
  private static final long WEEK_MS = Duration.ofDays(7).toMillis();
  private static final long DLQ_RETENTION_MS = Duration.ofDays(14).toMillis();
  private static final int MIB = 1024 * 1024;
  private static final String COMPACT = TopicConfig.CLEANUP_POLICY_COMPACT;
  private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;
  private static final String DIGEST_KEY = "sequence digest (SHA-256, 64 lower-case hex digits)";

  /** The event topics, in pipeline order. */
  public static final List<TopicSpec> EVENT_TOPICS =
      List.of(
          new TopicSpec(
              SEQUENCES,
              "UniProt primary accession",
              "SequenceEvent",
              DEFAULT_PARTITIONS,
              DELETE,
              WEEK_MS,
              2 * MIB),
          new TopicSpec(
              PROTEIN_EMBEDDINGS,
              DIGEST_KEY,
              "ProteinEmbeddingEvent",
              DEFAULT_PARTITIONS,
              COMPACT,
              FOREVER,
              MIB),
          new TopicSpec(
              RESIDUE_EMBEDDINGS,
              DIGEST_KEY,
              "ResidueEmbeddingEvent",
              DEFAULT_PARTITIONS,
              DELETE,
              Duration.ofHours(24).toMillis(),
              RESIDUE_EMBEDDINGS_MAX_MESSAGE_BYTES),
          new TopicSpec(
              ANNOTATIONS,
              DIGEST_KEY,
              "AnnotationEvent",
              DEFAULT_PARTITIONS,
              COMPACT,
              FOREVER,
              4 * MIB),
          new TopicSpec(
              TRANSFERRED_ANNOTATIONS,
              DIGEST_KEY,
              "TransferredAnnotationEvent",
              DEFAULT_PARTITIONS,
              COMPACT,
              FOREVER,
              MIB));

  /** Dead-letter topics: delete policy, 14 days, same message size limit as their source. */
  public static final List<TopicSpec> DLQ_TOPICS =
      EVENT_TOPICS.stream()
          .map(
              t ->
                  new TopicSpec(
                      t.name() + DLQ_SUFFIX,
                      "the failed record's original key",
                      "the failed record's original value bytes",
                      DLQ_PARTITIONS,
                      DELETE,
                      DLQ_RETENTION_MS,
                      t.maxMessageBytes()))
          .toList();

  /** Every topic, event topics first. */
  public static final List<TopicSpec> ALL;

  static {
    List<TopicSpec> all = new ArrayList<>(EVENT_TOPICS);
    all.addAll(DLQ_TOPICS);
    ALL = List.copyOf(all);
  }

  private Topics() {}

  /** The dead-letter topic of a topic. */
  public static String dlqOf(String topic) {
    return topic + DLQ_SUFFIX;
  }

  /** The spec of a topic by name. */
  public static Optional<TopicSpec> spec(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
