package io.protstream.index.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.events.AnnotationEvent;
import io.protstream.index.domain.IndexMaintenance;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stores predicted annotations per digest; acknowledged after the write, invalid events to {@code
 * protein.annotations.v1.dlq}.
 */
@ApplicationScoped
public class AnnotationConsumer {

  private static final Logger LOG = Logger.getLogger(AnnotationConsumer.class);

  private final IndexMaintenance maintenance;
  private final MeterRegistry meters;
  private final TransientRetry retry;

  AnnotationConsumer(IndexMaintenance maintenance, MeterRegistry meters, TransientRetry retry) {
    this.retry = retry;
    this.maintenance = maintenance;
    this.meters = meters;
  }

  @Incoming(Channels.ANNOTATIONS_IN)
  @Blocking
  public void onAnnotations(AnnotationEvent event) {
    try {
      retry.run(
          "annotations " + event.getSequenceDigest(),
          () ->
              maintenance.annotations(event.getSequenceDigest(), EventMapping.annotations(event)));
    } catch (IllegalArgumentException e) {
      meters.counter("protstream_index_rejected_events", "topic", "annotations").increment();
      LOG.warnf("rejected annotations %s: %s", event.getSequenceDigest(), e.getMessage());
      throw e;
    }
    meters.counter("protstream_index_annotations_stored").increment();
  }
}
