package io.protstream.index.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.events.SequenceEvent;
import io.protstream.index.domain.IndexMaintenance;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies UniProt entry changes (metadata, curated annotations, DELETED, MERGED); acknowledged
 * after the writes, invalid events to {@code uniprot.sequences.v1.dlq}.
 */
@ApplicationScoped
public class SequenceConsumer {

  private static final Logger LOG = Logger.getLogger(SequenceConsumer.class);

  private final IndexMaintenance maintenance;
  private final MeterRegistry meters;
  private final TransientRetry retry;

  SequenceConsumer(IndexMaintenance maintenance, MeterRegistry meters, TransientRetry retry) {
    this.retry = retry;
    this.maintenance = maintenance;
    this.meters = meters;
  }

  @Incoming(Channels.SEQUENCES_IN)
  @Blocking
  public void onSequence(SequenceEvent event) {
    try {
      retry.run(
          "entry " + event.getAccession(),
          () -> maintenance.entry(EventMapping.entry(event), event.getSequence()));
    } catch (IllegalArgumentException e) {
      meters.counter("protstream_index_rejected_events", "topic", "sequences").increment();
      LOG.warnf("rejected entry %s: %s", event.getAccession(), e.getMessage());
      throw e;
    }
    meters.counter("protstream_index_entries_stored").increment();
  }
}
