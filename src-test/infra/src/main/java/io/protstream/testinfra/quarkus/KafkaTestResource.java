package io.protstream.testinfra.quarkus;

import io.protstream.testinfra.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus application under test at the JVM's real Kafka broker. The broker outlives the
 * application (one per test JVM), so {@link #stop()} leaves it running.
 */
public final class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
    return Map.of("kafka.bootstrap.servers", bootstrap);
  }

  @Override
  public void stop() {}
}
