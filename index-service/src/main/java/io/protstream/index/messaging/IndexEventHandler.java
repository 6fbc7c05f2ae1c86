package io.protstream.index.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What every incoming event of index-service goes through: its work is retried while it fails for a
 * transient reason ({@link TransientRetry}); an event the work rejects as invalid is counted,
 * logged and passed on (to its dead-letter topic); a stored one is counted.
 */
@ApplicationScoped
public class IndexEventHandler {

  private static final Logger LOG = Logger.getLogger(IndexEventHandler.class);

  private final TransientRetry retry;
  private final MeterRegistry meters;

  IndexEventHandler(TransientRetry retry, MeterRegistry meters) {
    this.retry = retry;
    this.meters = meters;
  }

  /**
   * @param topic the metric tag of the input: embeddings, annotations or sequences
   * @param key the event's digest or accession, for the log
   * @param storedCounter the counter of events of this input stored
   */
  public void handle(String topic, String key, String storedCounter, Runnable work) {
    try {
      retry.run(topic + " " + key, work);
    } catch (IllegalArgumentException e) {
      meters.counter("protstream_index_rejected_events", "topic", topic).increment();
      LOG.warnf("rejected %s %s: %s", topic, key, e.getMessage());
      throw e;
    }
    meters.counter(storedCounter).increment();
  }
}
