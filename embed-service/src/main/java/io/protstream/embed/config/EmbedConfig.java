package io.protstream.embed.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The settings of embed-service, under {@code protstream.embed.*}. */
@ConfigMapping(prefix = "protstream.embed")
public interface EmbedConfig {

  /**
   * Model folder written by {@code protstream convert} or {@code demo-model}; loaded once at
   * start-up. Unset = no encoder: the service never becomes ready.
   */
  Optional<String> modelDirectory();

  /** {@code cpu}, {@code cuda} or {@code tensorrt}. */
  @WithDefault("cpu")
  String device();

  /** GPU ordinal for {@code cuda} and {@code tensorrt}. */
  @WithDefault("0")
  int deviceId();

  /** ONNX Runtime threads inside one operator; 0 = all cores. */
  @WithDefault("0")
  int intraOpThreads();

  /**
   * Where TensorRT keeps the engines it built (device {@code tensorrt}), so that a restart does not
   * build them again (minutes for the XL encoder); unset = no cache. Keep it on a volume.
   */
  Optional<String> engineCacheDirectory();

  /** Longest sequence embedded in one piece; longer ones go through overlapping windows. */
  @WithDefault("4000")
  int maxSequenceLength();

  /** Residues shared by neighbouring windows of a windowed sequence. */
  @WithDefault("256")
  int windowOverlap();

  /**
   * Most sequences in one encoder batch on a GPU; on the CPU the encoder runs one sequence per call
   * ({@code ProtT5Model.encoderLimits}), which measured faster than padded batches there.
   */
  @WithDefault("32")
  int maxBatchSize();

  /** Most padded tokens (batch size x longest row) in one encoder batch. */
  @WithDefault("8192")
  int maxBatchTokens();

  /**
   * Longest sequence embedded at all; longer ones are dead-lettered ({@code TOO_LONG}). Capped at
   * {@code SequenceLimits.MAX_RESIDUES}, the pipeline's limit.
   */
  @WithDefault(io.protstream.schemas.SequenceLimits.MAX_RESIDUES_TEXT)
  int maxResidues();

  /**
   * Largest fp16 payload of one {@code ResidueEmbeddingEvent} part; unset = the schema's {@code
   * ResidueParts.MAX_PART_BYTES}. Smaller values split matrices into more parts.
   */
  Optional<Integer> residuePartBytes();

  /** The stream from {@code uniprot.sequences.v1}. */
  Stream stream();

  /** {@code POST /embed}. */
  Rest rest();

  /** Reading, batching and the Kafka transaction. */
  interface Stream {

    /** Consumer group shared by every instance. */
    @WithDefault("embed-service")
    String groupId();

    /**
     * Transactional id of this instance: stable across its restarts, different from every other
     * live instance. Unset = {@code embed-service-<host name>}.
     */
    Optional<String> transactionalId();

    /** How long sequences are gathered after the first arrives before the batch is embedded. */
    @WithDefault("200ms")
    Duration maxBatchWait();

    /** A gathered batch is embedded once it holds this many records. */
    @WithDefault("256")
    int maxBatchRecords();

    /** ... or this many bytes of records. */
    @WithDefault("8388608")
    long maxBatchBytes();

    /** {@code max.poll.records}. */
    @WithDefault("100")
    int maxPollRecords();
  }

  /** The synchronous embedding endpoint. */
  interface Rest {

    /** Longest sequence {@code POST /embed} accepts (400 beyond). */
    @WithDefault("5000")
    int maxResidues();
  }
}
