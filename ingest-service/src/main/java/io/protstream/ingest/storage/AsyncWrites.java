package io.protstream.ingest.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Idempotent writes sent without waiting, at most {@code limit} in flight, with a barrier: a
 * release touches every ledger row, and one synchronous round trip per row would dominate its run
 * time.
 */
final class AsyncWrites {

  private final CqlSession session;
  private final Semaphore inFlight;
  private final int limit;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  AsyncWrites(CqlSession session, int limit) {
    this.session = session;
    this.limit = limit;
    this.inFlight = new Semaphore(limit);
  }

  void send(Statement<?> statement) {
    rethrow();
    inFlight.acquireUninterruptibly();
    CompletableFuture<?> write =
        session.executeAsync(statement.setIdempotent(true)).toCompletableFuture();
    write.whenComplete(
        (result, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
          inFlight.release();
        });
  }

  /** Returns once every write sent so far is acknowledged; throws the first failure. */
  void flush() {
    inFlight.acquireUninterruptibly(limit);
    inFlight.release(limit);
    rethrow();
  }

  private void rethrow() {
    Throwable error = failure.getAndSet(null);
    if (error != null) {
      throw new IllegalStateException("a Cassandra write failed", error);
    }
  }
}
