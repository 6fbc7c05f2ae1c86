package io.protstream.index.messaging;

import io.protstream.events.TransferredAnnotationEvent;
import io.protstream.events.TransferredGoTerm;
import io.protstream.events.TransferredLabel;
import io.protstream.index.domain.TransferPublisher;
import io.protstream.index.domain.TransferredAnnotations;
import io.protstream.schemas.CloudEventHeaders;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes transferred annotations keyed by digest and waits for the broker's acknowledgement, so
 * the caller marks the digest done only once the event is durable (a crash in between publishes the
 * same key again, which compaction folds into one).
 */
@ApplicationScoped
public class KafkaTransferPublisher implements TransferPublisher {

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private final Emitter<TransferredAnnotationEvent> emitter;

  KafkaTransferPublisher(
      @Channel(Channels.TRANSFERRED_ANNOTATIONS_OUT) Emitter<TransferredAnnotationEvent> emitter) {
    this.emitter = emitter;
  }

  @Override
  public void publish(
      String digest, List<String> accessions, String modelId, TransferredAnnotations t) {
    TransferredAnnotationEvent event =
        TransferredAnnotationEvent.newBuilder()
            .setSequenceDigest(digest)
            .setAccessions(accessions)
            .setModelId(modelId == null ? "" : modelId)
            .setGoTerms(
                t.goTerms().stream()
                    .map(
                        l ->
                            TransferredGoTerm.newBuilder()
                                .setId(l.label())
                                .setAspect(l.aspect())
                                .setReliabilityIndex(l.reliabilityIndex())
                                .setDistance(l.distance())
                                .setSourceAccession(l.sourceAccession())
                                .build())
                    .toList())
            .setEcNumbers(labels(t.ecNumbers()))
            .setKeywords(labels(t.keywords()))
            .setSubcellularLocations(labels(t.subcellularLocations()))
            .setCreatedAt(Instant.now())
            .build();
    CompletableFuture<Void> acked = new CompletableFuture<>();
    emitter.send(
        Message.of(event)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(digest)
                    .withHeaders(
                        CloudEventHeaders.addTo(
                            new RecordHeaders(),
                            CloudEventHeaders.TRANSFERRED_ANNOTATION_TYPE,
                            "/protstream/index-service",
                            digest,
                            // one transfer per digest and encoder; a replay repeats the id
                            digest + "/" + event.getModelId() + "/transfer",
                            event.getCreatedAt()))
                    .build())
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  acked.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                }));
    try {
      acked.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing the transfer of " + digest, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish the transfer of " + digest, e);
    }
  }

  private static List<TransferredLabel> labels(List<TransferredAnnotations.TransferredLabel> in) {
    return in.stream()
        .map(
            l ->
                TransferredLabel.newBuilder()
                    .setLabel(l.label())
                    .setReliabilityIndex(l.reliabilityIndex())
                    .setDistance(l.distance())
                    .setSourceAccession(l.sourceAccession())
                    .build())
        .toList();
  }
}
