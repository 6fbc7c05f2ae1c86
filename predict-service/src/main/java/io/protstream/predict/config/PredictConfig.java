package io.protstream.predict.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The settings of predict-service, under {@code protstream.predict.*}. */
@ConfigMapping(prefix = "protstream.predict")
public interface PredictConfig {

  /**
   * Model folder with the head graphs (from {@code protstream convert}, {@code fetch} or {@code
   * demo-model}); unset = no heads loaded, nothing consumed.
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
   * build them again; unset = no cache. Keep it on a volume, apart from embed-service's.
   */
  Optional<String> engineCacheDirectory();

  /** Most matrices the heads see in one run. */
  @WithDefault("32")
  int maxBatchSize();

  /** Most padded residues (batch size x longest matrix) the heads see in one run. */
  @WithDefault("16384")
  int maxBatchTokens();

  /**
   * Bound on the bytes of incomplete multi-part matrices held, and on the bytes read behind one
   * before its missing parts are given up on (it must exceed the largest matrix).
   */
  @WithDefault("268435456")
  long maxHeldBytes();

  Stream stream();

  /** The consume-transform-produce loop on {@code protein.residue-embeddings.v1}. */
  interface Stream {

    @WithDefault("predict-service")
    String groupId();

    /** Stable per instance; default {@code predict-service-<host name>}. */
    Optional<String> transactionalId();

    @WithDefault("200ms")
    Duration maxBatchWait();

    @WithDefault("256")
    int maxBatchRecords();

    /** A batch closes at this many bytes; a residue part is at most 4 MiB. */
    @WithDefault("67108864")
    long maxBatchBytes();

    @WithDefault("100")
    int maxPollRecords();
  }
}
