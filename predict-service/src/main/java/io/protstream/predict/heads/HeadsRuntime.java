package io.protstream.predict.heads;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.runtime.ExecutionDevice;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.predict.config.PredictConfig;
import io.protstream.predict.domain.HeadIds;
import io.protstream.predict.domain.LabelOrders;
import io.protstream.schemas.SequenceLimits;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks the model folder's class orders at start-up (a folder that disagrees with the events stops
 * the service before anything is consumed), then loads the heads once in the background and
 * announces them with a {@link LoadedHeads} event; closes them at shutdown.
 */
@ApplicationScoped
public class HeadsRuntime {

  private static final Logger LOG = Logger.getLogger(HeadsRuntime.class);

  /** Where loading stands. */
  public enum State {
    NOT_CONFIGURED,
    LOADING,
    READY,
    FAILED
  }

  private final PredictConfig config;
  private final Event<LoadedHeads> loadedEvent;
  private volatile State state = State.NOT_CONFIGURED;
  private volatile LoadedHeads loaded;
  private volatile String failure;

  HeadsRuntime(PredictConfig config, Event<LoadedHeads> loadedEvent) {
    this.config = config;
    this.loadedEvent = loadedEvent;
  }

  void onStart(@Observes @Priority(10) StartupEvent event) {
    Optional<String> directory = config.modelDirectory();
    if (directory.isEmpty()) {
      LOG.error(
          "protstream.predict.model-directory is not set: no heads, nothing will be annotated");
      return;
    }
    Path folder = Path.of(directory.get());
    Manifest manifest = Manifest.read(folder);
    try {
      LabelOrders.check(manifest, folder.toString());
    } catch (LabelOrders.MismatchException e) {
      LOG.error(e.getMessage());
      throw e;
    }
    state = State.LOADING;
    Thread loader = new Thread(() -> load(folder), "predict-heads-loader");
    loader.setDaemon(true);
    loader.start();
  }

  // after the stream (default priority) has stopped using the heads
  void onStop(
      @Observes @Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER + 500)
          ShutdownEvent event) {
    LoadedHeads current = loaded;
    loaded = null;
    if (current != null) {
      current.model().close();
    }
  }

  private void load(Path folder) {
    long started = System.nanoTime();
    try {
      // the heads read whole matrices: no windows, any length up to the residue limit
      BatchLimits limits =
          new BatchLimits(
              config.maxBatchSize(), config.maxBatchTokens(), SequenceLimits.MAX_RESIDUES, 0);
      RuntimeOptions options =
          new RuntimeOptions(
              ExecutionDevice.parse(config.device()),
              config.deviceId(),
              config.intraOpThreads(),
              true,
              null);
      ProtT5Model model = ProtT5Model.openHeads(folder, options, limits);
      HeadIds ids = HeadIds.of(model.manifest());
      LoadedHeads ready = new LoadedHeads(model, ids, model.dModel());
      loaded = ready;
      state = State.READY;
      LOG.infof(
          "heads %s, %s, %s for encoder %s loaded from %s in %.1f s (d=%d, device %s)",
          ids.secstruct(),
          ids.localization(),
          ids.membrane(),
          ids.encoder(),
          folder,
          (System.nanoTime() - started) / 1e9,
          ready.dimension(),
          config.device());
      if (ids.demo()) {
        LOG.warn(
            "*** DEMO MODEL *** "
                + folder
                + " holds generated heads with random weights: the annotations mean nothing."
                + " Point protstream.predict.model-directory at a converted ProtT5 model.");
      }
      loadedEvent.fire(ready);
    } catch (RuntimeException | Error e) {
      failure = e.toString();
      state = State.FAILED;
      LOG.errorf(e, "cannot load the heads from %s; nothing will be annotated", folder);
    }
  }

  public State state() {
    return state;
  }

  public Optional<LoadedHeads> loaded() {
    return Optional.ofNullable(loaded);
  }

  public String failure() {
    return failure;
  }

  public Optional<String> directory() {
    return config.modelDirectory();
  }
}
