package io.protstream.ingest.messaging;

import io.protstream.events.SequenceEvent;
import io.protstream.schemas.CloudEventHeaders;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes sequence events keyed by primary accession. The returned stage completes when the
 * broker has the record (acks=all, idempotent producer), so callers record progress only after the
 * write: a crash re-sends, never skips.
 */
@ApplicationScoped
public class SequenceEventPublisher {

  /** CloudEvents source of every event this service publishes. */
  static final String SOURCE = "/protstream/ingest-service";

  private final Emitter<SequenceEvent> emitter;

  SequenceEventPublisher(
      @Channel(Channels.SEQUENCES_OUT)
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          Emitter<SequenceEvent> emitter) {
    this.emitter = emitter;
  }

  public CompletionStage<Void> publish(SequenceEvent event) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    Headers headers =
        CloudEventHeaders.addTo(
            new RecordHeaders(),
            CloudEventHeaders.SEQUENCE_TYPE,
            SOURCE,
            event.getAccession(),
            // stable for the same fact: a re-announced change repeats its id
            event.getReleaseId() + "/" + event.getAccession() + "/" + event.getChangeKind(),
            event.getEventTime());
    Message<SequenceEvent> message =
        Message.of(event)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(event.getAccession())
                    .withHeaders(headers)
                    .build());
    emitter.send(TrackedMessages.completing(message, written));
    return written;
  }
}
