package io.protstream.index.messaging;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Which failures say nothing about the event: the database or the broker is unreachable, slow or
 * restarting, or the service is shutting down. An event that failed that way is not bad input; it
 * must be processed again, never dead-lettered.
 */
final class TransientFailures {

  private TransientFailures() {}

  /** True when {@code failure} or one of its causes is an outage, a timeout or a shutdown. */
  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AllNodesFailedException // includes NoNodeAvailableException
          || t instanceof DriverTimeoutException
          || t instanceof NodeUnavailableException
          || t instanceof RequestThrottlingException
          || t instanceof BusyConnectionException
          || t instanceof ClosedConnectionException
          || t instanceof HeartbeatException
          || t instanceof OverloadedException
          || t instanceof UnavailableException
          || t instanceof QueryConsistencyException // read and write timeouts and failures
          || t instanceof RetriableException // Kafka: timeouts, leader changes, broker down
          || t instanceof TimeoutException
          || t instanceof RejectedExecutionException) { // worker pools closing at shutdown
        return true;
      }
    }
    return false;
  }
}
