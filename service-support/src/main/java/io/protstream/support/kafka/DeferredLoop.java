package io.protstream.support.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The {@link TransactionalLoop} of a service that may only consume once what it processes with is
 * loaded (a model): nothing exists before {@link #start}, which the service calls when loading
 * finished; {@link #stop} at shutdown closes it before the model is closed. Readiness is DOWN until
 * it consumes.
 */
public final class DeferredLoop {

  private final String checkName;
  private volatile TransactionalLoop loop;

  /**
   * @param checkName the readiness check's name
   */
  public DeferredLoop(String checkName) {
    this.checkName = checkName;
  }

  /**
   * Creates and starts the loop; returns at once.
   *
   * @throws IllegalStateException when it was started before
   */
  public synchronized void start(
      LoopSettings settings, BatchProcessor processor, MeterRegistry meters) {
    if (loop != null) {
      throw new IllegalStateException(settings.name() + " loop is already running");
    }
    TransactionalLoop started = new TransactionalLoop(settings, processor, meters);
    loop = started;
    started.start();
  }

  /** Stops consuming (nothing half-done is committed); does nothing before {@link #start}. */
  public void stop() {
    TransactionalLoop current = loop;
    if (current != null) {
      current.close();
    }
  }

  /** The running loop, or null before {@link #start}. */
  public TransactionalLoop loop() {
    return loop;
  }

  /** DOWN until the loop consumes. */
  public HealthCheckResponse health() {
    return LoopHealth.of(checkName, loop);
  }

  /**
   * {@code <service>-<host name>}: stable across restarts of the instance (a container keeps its
   * host name, {@code HOSTNAME}), different between live instances.
   */
  public static String transactionalIdFor(String service) {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "local";
      }
    }
    return service + "-" + host;
  }
}
