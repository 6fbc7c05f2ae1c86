package io.protstream.embed.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.embed.domain.EmbeddingWork;
import io.protstream.events.SequenceEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads sequence events and routes each by {@link EmbeddingWork}. Undecodable records never reach
 * this method: the channel sends them to {@code uniprot.sequences.v1.dlq} with the reason in
 * headers.
 */
@ApplicationScoped
public class SequenceConsumer {

  private static final Logger LOG = Logger.getLogger(SequenceConsumer.class);

  private final MeterRegistry meters;

  SequenceConsumer(MeterRegistry meters) {
    this.meters = meters;
  }

  @Incoming(Channels.SEQUENCES_IN)
  public void onSequence(SequenceEvent event) {
    EmbeddingWork.Decision decision =
        EmbeddingWork.decide(
            event.getChangeKind(), event.getEmbeddingExists(), event.getSequence());
    meters.counter("protstream_embed_sequence_events", "decision", decision.name()).increment();
    LOG.debugf("%s %s -> %s", event.getChangeKind(), event.getAccession(), decision);
  }
}
