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
import org.jboss.logging.Logger;

/**
 * Sends each rejected record to {@code uniprot.sequences.v1.dlq}: the value says what and where,
 * the headers carry the reason code, the stage and the source location; every reject is also
 * counted and logged.
 */
@ApplicationScoped
public class KafkaRejectSink implements RejectSink {

  /** Where in the file the record was: {@code file:line (byte offset)}. */
  public static final String SOURCE_HEADER = "dead-letter-source";

  static final String STAGE = "ingest.parse";

  private static final Logger LOG = Logger.getLogger(KafkaRejectSink.class);

  private final Emitter<String> emitter;
  private final MeterRegistry meters;

  KafkaRejectSink(@Channel(Channels.REJECTS_OUT) Emitter<String> emitter, MeterRegistry meters) {
    this.emitter = emitter;
    this.meters = meters;
  }

  @Override
  public CompletionStage<Void> reject(Reject reject, String release) {
    meters.counter("protstream_ingest_rejects", "reason", reject.reason().name()).increment();
    LOG.warnf(
        "release %s: rejected %s at %s: %s",
        release, reject.reason(), reject.location(), reject.message());
    Headers headers =
        DeadLetter.headers(
            reject.reason().name() + ": " + reject.message(), STAGE, null, null, -1, -1);
    headers.add(SOURCE_HEADER, reject.location().toString().getBytes(StandardCharsets.UTF_8));
    headers.add("release", release.getBytes(StandardCharsets.UTF_8));
    String key = reject.accession() != null ? reject.accession() : reject.location().toString();
    CompletableFuture<Void> written = new CompletableFuture<>();
    Message<String> message =
        Message.of(describe(reject, release))
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(key)
                    .withHeaders(headers)
                    .build());
    emitter.send(TrackedMessages.completing(message, written));
    return written;
  }

  private static String describe(Reject reject, String release) {
    return "release "
        + release
        + ": "
        + reject.reason()
        + " at "
        + reject.location()
        + (reject.accession() != null ? " (" + reject.accession() + ")" : "")
        + ": "
        + reject.message();
  }
}
