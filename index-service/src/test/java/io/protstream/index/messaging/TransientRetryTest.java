package io.protstream.index.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientRetryTest {

  @Test
  void outagesTimeoutsAndShutdownAreTransientBadInputIsNot() {
    // the failures the index consumers met while Cassandra, Kafka or the service restarted
    assertTrue(TransientFailures.isTransient(new NoNodeAvailableException()));
    assertTrue(
        TransientFailures.isTransient(
            new IllegalStateException(
                "could not publish",
                new ExecutionException(
                    new org.apache.kafka.common.errors.TimeoutException("broker down")))));
    assertTrue(
        TransientFailures.isTransient(
            new RejectedExecutionException("WorkerPoolRegistry is being shut down")));
    assertFalse(TransientFailures.isTransient(new IllegalArgumentException("vector has NaN")));
    assertFalse(TransientFailures.isTransient(new InvalidQueryException(null, "bad statement")));
    assertFalse(TransientFailures.isTransient(new NullPointerException()));
  }

  @Test
  void workFailingForATransientReasonRunsAgainUntilItSucceeds() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TransientRetry retry = new TransientRetry(meters);
    AtomicInteger runs = new AtomicInteger();
    retry.run(
        "test",
        () -> {
          if (runs.incrementAndGet() < 3) {
            throw new NoNodeAvailableException();
          }
        });
    assertEquals(3, runs.get());
    assertEquals(2.0, meters.counter("protstream_index_transient_retries").count());
  }

  @Test
  void badInputFailsAtOnce() {
    TransientRetry retry = new TransientRetry(new SimpleMeterRegistry());
    AtomicInteger runs = new AtomicInteger();
    IllegalArgumentException bad = new IllegalArgumentException("bad");
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                retry.run(
                    "test",
                    () -> {
                      runs.incrementAndGet();
                      throw bad;
                    }));
    assertSame(bad, thrown);
    assertEquals(1, runs.get());
  }

  @Test
  void onceStoppingATransientFailureIsPassedOn() {
    TransientRetry retry = new TransientRetry(new SimpleMeterRegistry());
    retry.stop();
    AtomicInteger runs = new AtomicInteger();
    assertThrows(
        NoNodeAvailableException.class,
        () ->
            retry.run(
                "test",
                () -> {
                  runs.incrementAndGet();
                  throw new NoNodeAvailableException();
                }));
    assertEquals(1, runs.get());
  }
}
