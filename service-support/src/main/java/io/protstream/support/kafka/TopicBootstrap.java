package io.protstream.support.kafka;

import io.protstream.schemas.TopicProvisioner;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the service's topics with their documented settings before the messaging channels start
 * (the brokers we run refuse to auto-create topics, so a topic never exists with the wrong
 * compaction or size limit).
 */
@ApplicationScoped
public class TopicBootstrap {

  private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

  void onStart(
      @Observes @Priority(1) StartupEvent event,
      TopicSettings settings,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    if (!settings.createTopics()) {
      return;
    }
    var specs = TopicProvisioner.withDeadLetters(settings.topics().toArray(String[]::new));
    TopicProvisioner.ensure(
        bootstrapServers, specs, settings.partitions(), settings.replicationFactor());
    LOG.infof("topics ready on %s: %s", bootstrapServers, settings.topics());
  }
}
