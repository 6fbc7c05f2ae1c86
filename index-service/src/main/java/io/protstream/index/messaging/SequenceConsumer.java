package io.protstream.index.messaging;

import io.protstream.events.SequenceEvent;
import io.protstream.index.domain.IndexMaintenance;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies UniProt entry changes (metadata, curated annotations, DELETED, MERGED); acknowledged
 * after the writes, invalid events to {@code uniprot.sequences.v1.dlq}.
 */
@ApplicationScoped
public class SequenceConsumer {

  private final IndexMaintenance maintenance;
  private final IndexEventHandler handler;

  SequenceConsumer(IndexMaintenance maintenance, IndexEventHandler handler) {
    this.maintenance = maintenance;
    this.handler = handler;
  }

  @Incoming(Channels.SEQUENCES_IN)
  @Blocking
  public void onSequence(SequenceEvent event) {
    handler.handle(
        "sequences",
        event.getAccession(),
        "protstream_index_entries_stored",
        () -> maintenance.entry(EventMapping.entry(event), event.getSequence()));
  }
}
