package io.protstream.index.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs an event's work again while it fails for a {@link TransientFailures transient} reason (the
 * database or broker restarting), so an outage delays events instead of dead-lettering them; the
 * record stays unacknowledged meanwhile, so a crash replays it. Bad input fails at once. Once the
 * service is stopping the failure is passed on, and {@link DeadLetterUnlessTransient} leaves the
 * record uncommitted.
 */
@ApplicationScoped
public class TransientRetry {

  private static final Logger LOG = Logger.getLogger(TransientRetry.class);
  static final Duration FIRST_WAIT = Duration.ofMillis(200);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

  private final MeterRegistry meters;
  private volatile boolean stopping;

  TransientRetry(MeterRegistry meters) {
    this.meters = meters;
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  /** Runs {@code work} until it succeeds, fails for a lasting reason, or the service stops. */
  public void run(String what, Runnable work) {
    Duration wait = FIRST_WAIT;
    for (int attempt = 1; ; attempt++) {
      try {
        work.run();
        return;
      } catch (RuntimeException e) {
        if (stopping || !TransientFailures.isTransient(e)) {
          throw e;
        }
        meters.counter("protstream_index_transient_retries").increment();
        LOG.warnf("%s failed (attempt %d), again in %d ms: %s", what, attempt, wait.toMillis(), e);
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        wait =
            wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
      }
    }
  }

  /** Stops retrying (the service is stopping); for tests, as the shutdown event does. */
  void stop() {
    stopping = true;
  }
}
