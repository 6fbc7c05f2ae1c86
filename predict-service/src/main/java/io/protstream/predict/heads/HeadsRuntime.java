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
import io.protstream.support.loading.LoadedOnce;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

/**
 * Checks the model folder's class orders at start-up (a folder that disagrees with the events stops
 * the service before anything is consumed), then loads the heads once in the background and
 * announces them with a {@link LoadedHeads} event; closes them at shutdown.
 */
@ApplicationScoped
public class HeadsRuntime {

  private static final Logger LOG = Logger.getLogger(HeadsRuntime.class);
  private static final String FOLDER_SETTING = "protstream.predict.model-directory";

  private final PredictConfig config;
  private final Event<LoadedHeads> loadedEvent;
  private final LoadedOnce<LoadedHeads> heads =
      new LoadedOnce<>(HeadsReadiness.NAME, FOLDER_SETTING, "annotations");

  HeadsRuntime(PredictConfig config, Event<LoadedHeads> loadedEvent) {
    this.config = config;
    this.loadedEvent = loadedEvent;
  }

  void onStart(@Observes @Priority(10) StartupEvent event) {
    Optional<String> directory = config.modelDirectory();
    if (directory.isPresent()) {
      Path folder = Path.of(directory.get());
      try {
        LabelOrders.check(Manifest.read(folder), folder.toString());
      } catch (LabelOrders.MismatchException e) {
        LOG.error(e.getMessage());
        throw e;
      }
    }
    heads.start(directory, this::open, loadedEvent::fire);
  }

  // after the stream (default priority) has stopped using the heads
  void onStop(
      @Observes @Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER + 500)
          ShutdownEvent event) {
    heads.close();
  }

  private LoadedHeads open(Path folder) {
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
            config.engineCacheDirectory().map(Path::of).orElse(null));
    ProtT5Model model = ProtT5Model.openHeads(folder, options, limits);
    try {
      return new LoadedHeads(model, HeadIds.of(model.manifest()), model.dModel());
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  public Optional<LoadedHeads> loaded() {
    return heads.get();
  }

  /** DOWN until loaded; which heads, loudly when they are the demo model, or why they did not. */
  public HealthCheckResponse health() {
    return heads.health();
  }
}
