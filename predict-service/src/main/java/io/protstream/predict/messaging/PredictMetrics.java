package io.protstream.predict.messaging;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * predict-service's meters (Prometheus names at {@code /q/metrics}):
 *
 * <ul>
 *   <li>{@code protstream_predict_annotations_total}: annotation events handed to the transaction
 *       of their batch (a batch that aborts is counted again when it is redone)
 *   <li>{@code protstream_predict_residues_total}: residues annotated (rate = residues/s)
 *   <li>{@code protstream_predict_residue_parts_total}: residue records consumed
 *   <li>{@code protstream_predict_dead_letters_total{stage}}: records dead-lettered, by the step
 *       that refused them ({@code predict.decode}, {@code .assemble}, {@code .model-id}, {@code
 *       .shape}, {@code .values}, {@code .heads})
 *   <li>{@code protstream_predict_batch_matrices}: whole matrices per head run
 *   <li>{@code protstream_predict_heads_seconds}: head time per batch
 *   <li>{@code protstream_predict_held_records}: records held for matrices whose parts are not all
 *       read yet
 * </ul>
 */
final class PredictMetrics {

  private final MeterRegistry meters;
  private final DistributionSummary batchMatrices;
  private final Timer headsTime;
  private final AtomicInteger held = new AtomicInteger();

  PredictMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.batchMatrices =
        DistributionSummary.builder("protstream_predict_batch_matrices")
            .description("whole matrices per head run")
            .register(meters);
    this.headsTime =
        Timer.builder("protstream_predict_heads")
            .description("head time per batch")
            .register(meters);
    meters.gauge("protstream_predict_held_records", held);
  }

  void consumed(int records) {
    meters.counter("protstream_predict_residue_parts").increment(records);
  }

  void annotated(int matrices, long residues) {
    meters.counter("protstream_predict_annotations").increment(matrices);
    meters.counter("protstream_predict_residues").increment(residues);
  }

  void headsRan(int matrices, long nanos) {
    batchMatrices.record(matrices);
    headsTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  void deadLetter(String stage) {
    meters.counter("protstream_predict_dead_letters", "stage", stage).increment();
  }

  void held(int records) {
    held.set(records);
  }
}
