package io.protstream.embed.encoder;

import io.protstream.embed.config.EmbedConfig;
import io.protstream.support.loading.LoadedOnce;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Loads the model folder once, in the background at start-up (the HTTP server and health checks
 * answer meanwhile), announces it with a {@link LoadedModel} event and closes it at shutdown.
 */
@ApplicationScoped
public class ModelRuntime {

  private final EmbedConfig config;
  private final EncoderOpener opener;
  private final Event<LoadedModel> loadedEvent;
  private final LoadedOnce<LoadedModel> model =
      new LoadedOnce<>(ModelReadiness.NAME, "protstream.embed.model-directory", "embeddings");

  ModelRuntime(EmbedConfig config, EncoderOpener opener, Event<LoadedModel> loadedEvent) {
    this.config = config;
    this.opener = opener;
    this.loadedEvent = loadedEvent;
  }

  void onStart(@Observes StartupEvent event) {
    model.start(config.modelDirectory(), opener::open, loadedEvent::fire);
  }

  // after the stream (default priority) has stopped using the model
  void onStop(
      @Observes @Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER + 500)
          ShutdownEvent event) {
    model.close();
  }

  /** The model, once loaded. */
  public Optional<LoadedModel> loaded() {
    return model.get();
  }

  /** Why the model could not be loaded (it will not be, until a restart); empty otherwise. */
  public Optional<String> failure() {
    return Optional.ofNullable(model.failure());
  }

  /** DOWN until loaded; which model, loudly when it is the demo model, or why it did not load. */
  public HealthCheckResponse health() {
    return model.health();
  }
}
