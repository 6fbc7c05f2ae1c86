package io.protstream.embed.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.embed.config.EmbedConfig;
import io.protstream.embed.domain.SequenceEmbedding;
import io.protstream.embed.encoder.LoadedModel;
import io.protstream.schemas.ResidueParts;
import io.protstream.schemas.SequenceLimits;
import io.protstream.schemas.Topics;
import io.protstream.support.kafka.DeferredLoop;
import io.protstream.support.kafka.LoopSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

/**
 * Runs the transactional loop from {@code uniprot.sequences.v1} to the two embedding topics once
 * the model is loaded, and stops it at shutdown (before the model is closed).
 */
@ApplicationScoped
public class SequenceStream {

  private static final Logger LOG = Logger.getLogger(SequenceStream.class);
  private static final int MIB = 1024 * 1024;

  private final EmbedConfig config;
  private final MeterRegistry meters;
  private final String bootstrapServers;
  private final DeferredLoop loop = new DeferredLoop(StreamReadiness.NAME);

  SequenceStream(
      EmbedConfig config,
      MeterRegistry meters,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.config = config;
    this.meters = meters;
    this.bootstrapServers = bootstrapServers;
  }

  void onModelLoaded(@Observes LoadedModel model) {
    int partBytes = config.residuePartBytes().orElse(ResidueParts.MAX_PART_BYTES);
    int maxResidues = Math.min(config.maxResidues(), SequenceLimits.MAX_RESIDUES);
    EmbedMetrics metrics = new EmbedMetrics(meters);
    SequenceEmbedding embedding =
        new SequenceEmbedding(model.encoder(), model.limits(), maxResidues, metrics);
    EmbedConfig.Stream stream = config.stream();
    LoopSettings settings =
        LoopSettings.builder(
                "embed",
                bootstrapServers,
                stream.groupId(),
                List.of(Topics.SEQUENCES),
                stream
                    .transactionalId()
                    .orElseGet(() -> DeferredLoop.transactionalIdFor("embed-service")))
            .maxBatchWait(stream.maxBatchWait())
            .maxBatchRecords(stream.maxBatchRecords())
            .maxBatchBytes(stream.maxBatchBytes())
            .maxPollRecords(stream.maxPollRecords())
            // a sequence record is at most 2 MiB (the topic's limit)
            .maxPartitionFetchBytes(3 * MIB)
            .maxFetchBytes(16 * MIB)
            // a residue part plus its other fields; a dead letter carries a sequence record
            .maxRequestSize(Math.max(partBytes + MIB, 3 * MIB))
            .build();
    loop.start(settings, new SequenceBatchProcessor(model, embedding, metrics, partBytes), meters);
    LOG.infof(
        "embedding %s with %s; residue parts of at most %d bytes, sequences of at most %d residues",
        Topics.SEQUENCES, model.modelId(), partBytes, maxResidues);
  }

  void onStop(@Observes ShutdownEvent event) {
    loop.stop();
  }

  /** DOWN until the stream consumes. */
  public HealthCheckResponse health() {
    return loop.health();
  }
}
