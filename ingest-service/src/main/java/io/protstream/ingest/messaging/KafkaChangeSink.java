package io.protstream.ingest.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.ingest.domain.diff.SequenceChange;
import io.protstream.ingest.domain.ingestion.ChangeSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/** Announces release-diff decisions on {@code uniprot.sequences.v1}. */
@ApplicationScoped
public class KafkaChangeSink implements ChangeSink {

  private final SequenceEventPublisher publisher;
  private final MeterRegistry meters;
  private final Clock clock = Clock.systemUTC();

  KafkaChangeSink(SequenceEventPublisher publisher, MeterRegistry meters) {
    this.publisher = publisher;
    this.meters = meters;
  }

  @Override
  public CompletionStage<Void> announce(SequenceChange change) {
    return publisher
        .publish(SequenceEvents.from(change, clock.instant()))
        .thenRun(
            () ->
                meters
                    .counter("protstream_ingest_changes_announced", "kind", change.kind().name())
                    .increment());
  }
}
