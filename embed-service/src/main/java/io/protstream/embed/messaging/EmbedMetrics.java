package io.protstream.embed.messaging;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.protstream.embed.domain.EmbeddingWork;
import io.protstream.embed.domain.SequenceEmbedding;
import java.util.concurrent.TimeUnit;

/**
 * embed-service's meters (Prometheus names at {@code /q/metrics}):
 *
 * <ul>
 *   <li>{@code protstream_embed_sequence_events_total{decision}}: sequence events by decision
 *   <li>{@code protstream_embed_residues_total}: residues embedded (rate = residues/s)
 *   <li>{@code protstream_embed_sequences_total}: distinct sequences embedded
 *   <li>{@code protstream_embed_batch_sequences}: sequences per encoder batch
 *   <li>{@code protstream_embed_batch_padding_fraction}: padded slots over all slots per batch
 *   <li>{@code protstream_embed_model_seconds}: encoder time per batch
 *   <li>{@code protstream_embed_dead_letters_total{reason}}: records dead-lettered, by reason
 * </ul>
 */
final class EmbedMetrics implements SequenceEmbedding.BatchObserver {

  private final MeterRegistry meters;
  private final DistributionSummary batchSequences;
  private final DistributionSummary padding;
  private final Timer modelTime;

  EmbedMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.batchSequences =
        DistributionSummary.builder("protstream_embed_batch_sequences")
            .description("sequences per encoder batch")
            .register(meters);
    this.padding =
        DistributionSummary.builder("protstream_embed_batch_padding_fraction")
            .description("padded token slots over all slots of an encoder batch")
            .register(meters);
    this.modelTime =
        Timer.builder("protstream_embed_model")
            .description("encoder time per batch")
            .register(meters);
  }

  void decision(EmbeddingWork.Decision decision) {
    meters.counter("protstream_embed_sequence_events", "decision", decision.name()).increment();
  }

  void deadLetter(String reason) {
    meters.counter("protstream_embed_dead_letters", "reason", reason).increment();
  }

  @Override
  public void batchEmbedded(int sequences, int residues, double paddingFraction, long nanos) {
    batchSequences.record(sequences);
    padding.record(paddingFraction);
    modelTime.record(nanos, TimeUnit.NANOSECONDS);
    meters.counter("protstream_embed_residues").increment(residues);
    meters.counter("protstream_embed_sequences").increment(sequences);
  }
}
