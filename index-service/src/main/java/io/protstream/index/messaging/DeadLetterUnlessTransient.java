package io.protstream.index.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The index consumers' failure strategy ({@code failure-strategy=dead-letter-unless-transient}): a
 * record that failed for a {@link TransientFailures transient} reason (which {@link TransientRetry}
 * passes on only while the service stops, or a worker pool refusing work at shutdown) is not the
 * event's fault and goes nowhere: the channel stops, the offset stays uncommitted and the next
 * start processes the record again. Every other failure (bad input, undecodable bytes) goes to the
 * channel's dead-letter topic as with {@code dead-letter-queue}.
 */
@ApplicationScoped
@Identifier(DeadLetterUnlessTransient.NAME)
public class DeadLetterUnlessTransient implements KafkaFailureHandler.Factory {

  public static final String NAME = "dead-letter-unless-transient";

  @Inject
  @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
  KafkaFailureHandler.Factory deadLetters;

  @Inject
  @Identifier(KafkaFailureHandler.Strategy.FAIL)
  KafkaFailureHandler.Factory failStop;

  @Override
  public KafkaFailureHandler create(
      KafkaConnectorIncomingConfiguration config,
      Vertx vertx,
      KafkaConsumer<?, ?> consumer,
      BiConsumer<Throwable, Boolean> reportFailure) {
    KafkaFailureHandler toDeadLetters = deadLetters.create(config, vertx, consumer, reportFailure);
    KafkaFailureHandler toStop = failStop.create(config, vertx, consumer, reportFailure);
    return new KafkaFailureHandler() {
      @Override
      public <K, V> Uni<Void> handle(
          IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
        return TransientFailures.isTransient(reason)
            ? toStop.handle(record, reason, metadata)
            : toDeadLetters.handle(record, reason, metadata);
      }

      @Override
      public void terminate() {
        toDeadLetters.terminate();
        toStop.terminate();
      }
    };
  }
}
