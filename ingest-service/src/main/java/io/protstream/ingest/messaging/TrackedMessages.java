package io.protstream.ingest.messaging;

import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Messages whose broker acknowledgement (or failure) completes a future the sender can wait on. */
final class TrackedMessages {

  private TrackedMessages() {}

  static <T> Message<T> completing(Message<T> message, CompletableFuture<Void> written) {
    return message
        .withAck(
            () -> {
              written.complete(null);
              return CompletableFuture.completedFuture(null);
            })
        .withNack(
            failure -> {
              written.completeExceptionally(failure);
              return CompletableFuture.completedFuture(null);
            });
  }
}
