package io.protstream.embed;

import io.protstream.embed.encoder.ModelReadiness;
import io.protstream.embed.messaging.StreamReadiness;
import io.protstream.embed.testing.Readiness;
import io.protstream.embed.testing.TinyModelResource;
import io.protstream.testinfra.contract.ServiceSurfaceContract;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;

/** Health (Kafka, the model, the stream), metrics and OpenAPI, against the real broker. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TinyModelResource.class, restrictToAnnotatedClass = false)
class ServiceSurfaceTest extends ServiceSurfaceContract {

  ServiceSurfaceTest() {
    super(
        "io.protstream.embed",
        "Kafka connection health check",
        ModelReadiness.NAME,
        StreamReadiness.NAME);
  }

  /** The model loads in the background after start-up; readiness waits for it. */
  @BeforeEach
  void awaitModel() throws InterruptedException {
    Readiness.await();
  }
}
