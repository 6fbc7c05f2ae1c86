package io.protstream.predict.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.predict.config.PredictConfig;
import io.protstream.predict.domain.Annotator;
import io.protstream.predict.domain.MatrixBatch;
import io.protstream.predict.heads.LoadedHeads;
import io.protstream.schemas.Topics;
import io.protstream.support.kafka.DeferredLoop;
import io.protstream.support.kafka.LoopSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

/**
 * Runs the transactional loop from {@code protein.residue-embeddings.v1} to {@code
 * protein.annotations.v1} once the heads are loaded (nothing is consumed before), and stops it at
 * shutdown before the heads are closed.
 */
@ApplicationScoped
public class ResidueStream {

  private static final Logger LOG = Logger.getLogger(ResidueStream.class);
  private static final int MIB = 1024 * 1024;

  private final PredictConfig config;
  private final MeterRegistry meters;
  private final String bootstrapServers;
  private final DeferredLoop loop = new DeferredLoop(StreamReadiness.NAME);

  ResidueStream(
      PredictConfig config,
      MeterRegistry meters,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.config = config;
    this.meters = meters;
    this.bootstrapServers = bootstrapServers;
  }

  void onHeadsLoaded(@Observes LoadedHeads heads) {
    PredictConfig.Stream stream = config.stream();
    String instance =
        stream
            .transactionalId()
            .orElseGet(() -> DeferredLoop.transactionalIdFor("predict-service"));
    LoopSettings settings =
        LoopSettings.builder(
                "predict",
                bootstrapServers,
                stream.groupId(),
                List.of(Topics.RESIDUE_EMBEDDINGS),
                instance)
            .maxBatchWait(stream.maxBatchWait())
            .maxBatchRecords(stream.maxBatchRecords())
            .maxBatchBytes(stream.maxBatchBytes())
            .maxPollRecords(stream.maxPollRecords())
            .maxPartitionFetchBytes(Topics.RESIDUE_EMBEDDINGS_MAX_MESSAGE_BYTES)
            .maxFetchBytes(4 * Topics.RESIDUE_EMBEDDINGS_MAX_MESSAGE_BYTES)
            // a dead letter carries a residue record unchanged
            .maxRequestSize(Topics.RESIDUE_EMBEDDINGS_MAX_MESSAGE_BYTES + MIB)
            // static membership: a restarted instance takes its partitions back at once instead
            // of waiting for the group to time the killed one out
            .consumerOverrides(
                Map.<String, Object>of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance))
            .build();
    Annotator annotator =
        new Annotator(
            heads.model()::predictFromEmbeddings,
            heads.ids(),
            heads.dimension(),
            Clock.systemUTC());
    loop.start(
        settings,
        new ResidueBatchProcessor(
            annotator, new MatrixBatch(config.maxHeldBytes()), new PredictMetrics(meters)),
        meters);
    LOG.infof(
        "annotating %s -> %s with the heads for encoder %s",
        Topics.RESIDUE_EMBEDDINGS, Topics.ANNOTATIONS, heads.ids().encoder());
  }

  void onStop(@Observes ShutdownEvent event) {
    loop.stop();
  }

  /** DOWN until the stream consumes. */
  public HealthCheckResponse health() {
    return loop.health();
  }
}
