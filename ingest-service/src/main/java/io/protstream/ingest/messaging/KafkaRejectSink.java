package io.protstream.ingest.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.ingest.domain.Reject;
import io.protstream.ingest.domain.ingestion.RejectSink;
import io.protstream.schemas.DeadLetter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Sends each rejected record to {@code uniprot.sequences.v1.dlq} under the {@link DeadLetter}
 * contract: the value is the record's text as read (empty when the reject concerns no record), the
 * headers say why, where and in which release; every reject is also counted and logged.
 */
@ApplicationScoped
public class KafkaRejectSink implements RejectSink {

  /** Counter of rejected records, tagged with the reason. */
  public static final String REJECTS_METRIC = "protstream_ingest_rejects";

  static final String STAGE = "ingest.parse";

  private static final Logger LOG = Logger.getLogger(KafkaRejectSink.class);

  private final Emitter<byte[]> emitter;
  private final MeterRegistry meters;

  KafkaRejectSink(
      @Channel(Channels.REJECTS_OUT)
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          Emitter<byte[]> emitter,
      MeterRegistry meters) {
    this.emitter = emitter;
    this.meters = meters;
  }

  @Override
  public CompletionStage<Void> reject(Reject reject, String release) {
    meters.counter(REJECTS_METRIC, "reason", reject.reason().name()).increment();
    LOG.warnf(
        "release %s: rejected %s at %s: %s",
        release, reject.reason(), reject.location(), reject.message());
    Headers headers =
        DeadLetter.headers(
            reject.reason().name() + ": " + reject.message(), STAGE, null, null, -1, -1);
    put(headers, DeadLetter.SOURCE, reject.location().toString());
    put(headers, DeadLetter.RELEASE, release);
    if (reject.recordBytes() > reject.record().length) {
      put(headers, DeadLetter.VALUE_BYTES, Long.toString(reject.recordBytes()));
    }
    String key = reject.accession() != null ? reject.accession() : reject.location().toString();
    CompletableFuture<Void> written = new CompletableFuture<>();
    Message<byte[]> message =
        Message.of(DeadLetter.value(reject.record()))
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(key)
                    .withHeaders(headers)
                    .build());
    emitter.send(TrackedMessages.completing(message, written));
    return written;
  }

  private static void put(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
