package io.protstream.predict.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.predict.domain.ResidueMatrixShape;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads per-residue embeddings and checks their shape before the heads see them. A failed check
 * throws, and the channel's dead-letter strategy sends the record to {@code
 * protein.residue-embeddings.v1.dlq} with the reason.
 */
@ApplicationScoped
public class ResidueEmbeddingConsumer {

  private final MeterRegistry meters;

  ResidueEmbeddingConsumer(MeterRegistry meters) {
    this.meters = meters;
  }

  @Incoming(Channels.RESIDUE_EMBEDDINGS_IN)
  public void onResidueEmbedding(ResidueEmbeddingEvent event) {
    try {
      ResidueMatrixShape.check(
          event.getLength(), event.getDimension(), event.getResidues().remaining(), 0);
    } catch (ResidueMatrixShape.InvalidShapeException e) {
      meters.counter("protstream_predict_rejected_events", "reason", "shape").increment();
      throw e;
    }
    meters.counter("protstream_predict_residue_events").increment();
  }
}
