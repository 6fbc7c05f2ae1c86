package io.protstream.embed.encoder;

import io.protstream.embed.config.EmbedConfig;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.runtime.ExecutionDevice;
import io.protstream.model.runtime.RuntimeOptions;
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
 * Loads the model folder once, in the background at start-up (the HTTP server and health checks
 * answer meanwhile), announces it with a {@link LoadedModel} event and closes it at shutdown.
 */
@ApplicationScoped
public class ModelRuntime {

  private static final Logger LOG = Logger.getLogger(ModelRuntime.class);

  /** Where loading stands. */
  public enum State {
    NOT_CONFIGURED,
    LOADING,
    READY,
    FAILED
  }

  private final EmbedConfig config;
  private final Event<LoadedModel> loadedEvent;
  private volatile State state = State.NOT_CONFIGURED;
  private volatile LoadedModel loaded;
  private volatile String failure;

  ModelRuntime(EmbedConfig config, Event<LoadedModel> loadedEvent) {
    this.config = config;
    this.loadedEvent = loadedEvent;
  }

  void onStart(@Observes StartupEvent event) {
    Optional<String> directory = config.modelDirectory();
    if (directory.isEmpty()) {
      LOG.error(
          "protstream.embed.model-directory is not set: no encoder, nothing will be embedded");
      return;
    }
    state = State.LOADING;
    Thread loader = new Thread(() -> load(Path.of(directory.get())), "embed-model-loader");
    loader.setDaemon(true);
    loader.start();
  }

  // after the stream (default priority) has stopped using the model
  void onStop(
      @Observes @Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER + 500)
          ShutdownEvent event) {
    LoadedModel current = loaded;
    loaded = null;
    if (current != null) {
      current.model().close();
    }
  }

  private void load(Path folder) {
    long started = System.nanoTime();
    try {
      BatchLimits limits =
          new BatchLimits(
              config.maxBatchSize(),
              config.maxBatchTokens(),
              config.maxSequenceLength(),
              config.windowOverlap());
      RuntimeOptions options =
          new RuntimeOptions(
              ExecutionDevice.parse(config.device()),
              config.deviceId(),
              config.intraOpThreads(),
              true,
              config.engineCacheDirectory().map(Path::of).orElse(null));
      ProtT5Model model = ProtT5Model.open(folder, options, limits);
      Manifest manifest = model.manifest();
      String modelId = manifest.encoderId();
      // the manifest names a generated demo model's encoder "demo-..."
      boolean demo = modelId.startsWith("demo-");
      LoadedModel ready = new LoadedModel(model, modelId, demo, model.dModel(), limits);
      loaded = ready;
      state = State.READY;
      LOG.infof(
          "model %s loaded from %s in %.1f s (d=%d, device %s)",
          ready.modelId(),
          folder,
          (System.nanoTime() - started) / 1e9,
          ready.dimension(),
          config.device());
      if (demo) {
        LOG.warn(
            "*** DEMO MODEL *** "
                + folder
                + " holds a generated model with random weights ("
                + manifest.source()
                + "): its embeddings mean nothing. Point protstream.embed.model-directory at a"
                + " converted ProtT5 model for real results.");
      }
      loadedEvent.fire(ready);
    } catch (RuntimeException | Error e) {
      failure = e.toString();
      state = State.FAILED;
      LOG.errorf(e, "cannot load the model folder %s; nothing will be embedded", folder);
    }
  }

  public State state() {
    return state;
  }

  /** The model, once loaded. */
  public Optional<LoadedModel> loaded() {
    return Optional.ofNullable(loaded);
  }

  /** Why loading failed, or null. */
  public String failure() {
    return failure;
  }

  public Optional<String> directory() {
    return config.modelDirectory();
  }
}
