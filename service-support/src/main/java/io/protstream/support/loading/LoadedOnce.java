package io.protstream.support.loading;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

/**
 * A resource a service loads once from a folder, in the background at start-up, and closes at
 * shutdown: a model folder takes from seconds to half a minute to open, and the HTTP server and
 * health checks must answer meanwhile. Its readiness answer is DOWN until the resource is loaded
 * and says why: not configured, still loading, or the failure. A generated demo model is announced
 * loudly, in the log and in every readiness answer.
 *
 * <p>Plain Java; the owning service calls {@link #start} from its start-up observer and {@link
 * #close} at shutdown, after whatever uses the resource has stopped.
 *
 * @param <T> what is loaded
 */
public final class LoadedOnce<T extends LoadedOnce.Resource> {

  private static final Logger LOG = Logger.getLogger(LoadedOnce.class);

  /** What a {@link LoadedOnce} holds. */
  public interface Resource extends AutoCloseable {

    /** True for a generated demo model (random weights): what it computes means nothing. */
    boolean demo();

    /** What readiness shows about it (model ids, dimensions); numbers and booleans stay typed. */
    Map<String, Object> details();

    @Override
    void close();
  }

  /** Opens the resource from its folder; may take long; throws when it cannot. */
  @FunctionalInterface
  public interface Loader<T> {
    T load(Path folder) throws Exception;
  }

  /** Where loading stands. */
  public enum State {
    NOT_CONFIGURED,
    LOADING,
    READY,
    FAILED
  }

  private final String name;
  private final String folderSetting;
  private final String products;
  private volatile State state = State.NOT_CONFIGURED;
  private volatile Path folder;
  private volatile T loaded;
  private volatile String failure;
  private boolean started;

  /**
   * @param name the readiness check's name, e.g. {@code embed model}; also names the loader thread
   * @param folderSetting the setting that names the folder, for messages
   * @param products what the resource computes, plural, for the demo warning (e.g. {@code
   *     embeddings})
   */
  public LoadedOnce(String name, String folderSetting, String products) {
    this.name = name;
    this.folderSetting = folderSetting;
    this.products = products;
  }

  /**
   * Starts loading on a daemon thread and returns at once; without a folder the state stays {@code
   * NOT_CONFIGURED} (and that is logged as an error). {@code onLoaded} runs on the loader thread
   * once the resource is loaded, e.g. to start consuming; if it throws, the state is {@code
   * FAILED}.
   *
   * @throws IllegalStateException when called twice
   */
  public synchronized void start(
      Optional<String> folderName, Loader<T> loader, Consumer<? super T> onLoaded) {
    if (started) {
      throw new IllegalStateException(name + " is loaded once");
    }
    started = true;
    if (folderName.isEmpty() || folderName.get().isBlank()) {
      LOG.errorf("%s is not set: no %s, nothing will be computed", folderSetting, name);
      return;
    }
    Path from = Path.of(folderName.get());
    folder = from;
    state = State.LOADING;
    Thread thread = new Thread(() -> load(from, loader, onLoaded), name + " loader");
    thread.setDaemon(true);
    thread.start();
  }

  private void load(Path from, Loader<T> loader, Consumer<? super T> onLoaded) {
    long started = System.nanoTime();
    T resource;
    try {
      resource = loader.load(from);
    } catch (Exception | Error e) {
      fail(e, "cannot load " + name + " from " + from + "; nothing will be computed");
      return;
    }
    loaded = resource;
    state = State.READY;
    LOG.infof(
        "%s loaded from %s in %.1f s: %s",
        name, from, (System.nanoTime() - started) / 1e9, resource.details());
    if (resource.demo()) {
      LOG.warnf(
          "*** DEMO MODEL *** %s holds a generated model with random weights: the %s mean"
              + " nothing. Point %s at a converted ProtT5 model for real results.",
          from, products, folderSetting);
    }
    try {
      onLoaded.accept(resource);
    } catch (RuntimeException | Error e) {
      fail(e, name + " loaded, but what runs on it did not start");
    }
  }

  private void fail(Throwable e, String message) {
    failure = e.toString();
    state = State.FAILED;
    LOG.error(message, e);
  }

  public State state() {
    return state;
  }

  /** The resource, once loaded (until closed). */
  public Optional<T> get() {
    return Optional.ofNullable(loaded);
  }

  /** Why loading failed, or null. */
  public String failure() {
    return failure;
  }

  /** The readiness answer: UP only when loaded; state, folder, details and any failure as data. */
  public HealthCheckResponse health() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(name)
            .status(state == State.READY)
            .withData("state", state.name())
            .withData(
                "directory",
                folder == null ? "(not set: " + folderSetting + ")" : folder.toString());
    T resource = loaded;
    if (resource != null) {
      resource.details().forEach((key, value) -> withData(response, key, value));
      response.withData("demo", resource.demo());
      if (resource.demo()) {
        response.withData(
            "warning", "DEMO MODEL: random weights, the " + products + " mean nothing");
      }
    }
    String why = failure;
    if (why != null) {
      response.withData("failure", why);
    }
    return response.build();
  }

  /** Closes the resource, if it was loaded; later calls do nothing. */
  public void close() {
    T resource = loaded;
    loaded = null;
    if (resource != null) {
      resource.close();
    }
  }

  private static void withData(HealthCheckResponseBuilder response, String key, Object value) {
    if (value instanceof Boolean b) {
      response.withData(key, b);
    } else if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
      response.withData(key, n.longValue());
    } else if (value != null) {
      response.withData(key, value.toString());
    }
  }
}
