package io.protstream.index.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.ProteinEmbedding;
import io.protstream.index.storage.EmbeddingStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores per-protein embeddings. The returned stage completes after Cassandra has the row, and only
 * then is the record acknowledged and its offset committed: a crash replays, never skips. Invalid
 * events throw and go to {@code protein.embeddings.v1.dlq} with the reason.
 */
@ApplicationScoped
public class ProteinEmbeddingConsumer {

  private final EmbeddingStore store;
  private final MeterRegistry meters;
  private final int indexDimension;

  ProteinEmbeddingConsumer(EmbeddingStore store, MeterRegistry meters, IndexConfig config) {
    this.store = store;
    this.meters = meters;
    this.indexDimension = config.index().dimension();
  }

  @Incoming(Channels.PROTEIN_EMBEDDINGS_IN)
  public CompletionStage<Void> onEmbedding(ProteinEmbeddingEvent event) {
    ProteinEmbedding embedding;
    try {
      embedding =
          ProteinEmbedding.of(
              event.getSequenceDigest(),
              event.getAccessions(),
              event.getModelId(),
              event.getDimension(),
              event.getVector(),
              indexDimension);
    } catch (IllegalArgumentException e) {
      meters.counter("protstream_index_rejected_events", "reason", "invalid").increment();
      throw e;
    }
    return store
        .upsert(embedding)
        .thenRun(() -> meters.counter("protstream_index_embeddings_stored").increment());
  }
}
