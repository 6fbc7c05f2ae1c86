package io.protstream.predict;

import io.protstream.testinfra.contract.ServiceSurfaceContract;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Health (with the Kafka checks), metrics and OpenAPI, against the real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ServiceSurfaceTest extends ServiceSurfaceContract {

  ServiceSurfaceTest() {
    super(
        "io.protstream.predict",
        "Kafka connection health check",
        "SmallRye Reactive Messaging - readiness check");
  }
}
