package io.protstream.index.messaging;

import io.protstream.events.AnnotationEvent;
import io.protstream.index.domain.IndexMaintenance;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores predicted annotations per digest; acknowledged after the write, invalid events to {@code
 * protein.annotations.v1.dlq}.
 */
@ApplicationScoped
public class AnnotationConsumer {

  private final IndexMaintenance maintenance;
  private final IndexEventHandler handler;

  AnnotationConsumer(IndexMaintenance maintenance, IndexEventHandler handler) {
    this.maintenance = maintenance;
    this.handler = handler;
  }

  @Incoming(Channels.ANNOTATIONS_IN)
  @Blocking
  public void onAnnotations(AnnotationEvent event) {
    handler.handle(
        "annotations",
        event.getSequenceDigest(),
        "protstream_index_annotations_stored",
        () -> maintenance.annotations(event.getSequenceDigest(), EventMapping.annotations(event)));
  }
}
