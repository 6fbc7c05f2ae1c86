package io.protstream.index.messaging;

import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.IndexMaintenance;
import io.protstream.index.domain.ProteinEmbedding;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores per-protein embeddings and re-indexes their digests. Records are handled concurrently on
 * the {@link Channels#INDEX_WRITERS} pool, because each one mostly waits on Cassandra and the
 * broker; {@link IndexMaintenance} serializes the work on one digest, and event-time writes make
 * the outcome independent of the order. The method returns after Cassandra has every write, and
 * only then is the record acknowledged; the throttled commit strategy commits an offset only when
 * every record below it is acknowledged, so a crash replays, never skips. Invalid events throw and
 * go to {@code protein.embeddings.v1.dlq} with the reason, each on its own.
 */
@ApplicationScoped
public class ProteinEmbeddingConsumer {

  private final IndexMaintenance maintenance;
  private final IndexEventHandler handler;
  private final int indexDimension;

  ProteinEmbeddingConsumer(
      IndexMaintenance maintenance, IndexEventHandler handler, IndexConfig config) {
    this.maintenance = maintenance;
    this.handler = handler;
    this.indexDimension = config.index().dimension();
  }

  @Incoming(Channels.PROTEIN_EMBEDDINGS_IN)
  @Blocking(value = Channels.INDEX_WRITERS, ordered = false)
  public void onEmbedding(ProteinEmbeddingEvent event) {
    handler.handle(
        "embeddings",
        event.getSequenceDigest(),
        "protstream_index_embeddings_stored",
        () ->
            maintenance.embedding(
                ProteinEmbedding.of(
                    event.getSequenceDigest(),
                    event.getAccessions(),
                    event.getModelId(),
                    event.getDimension(),
                    event.getVector(),
                    indexDimension),
                event.getCreatedAt()));
  }
}
