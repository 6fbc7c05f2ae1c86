package io.protstream.predict;

import static io.restassured.RestAssured.given;

import io.protstream.predict.heads.HeadsReadiness;
import io.protstream.predict.messaging.StreamReadiness;
import io.protstream.predict.testing.TinyModelResource;
import io.protstream.testinfra.contract.ServiceSurfaceContract;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

/** Health (with the Kafka checks), metrics and OpenAPI, against the real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TinyModelResource.class)
class ServiceSurfaceTest extends ServiceSurfaceContract {

  ServiceSurfaceTest() {
    super(
        "io.protstream.predict",
        "Kafka connection health check",
        HeadsReadiness.NAME,
        StreamReadiness.NAME);
  }

  /** The heads load in the background after start-up; the contract checks the settled state. */
  @BeforeEach
  void headsLoaded() {
    Instant deadline = Instant.now().plusSeconds(60);
    while (given().get("/q/health/ready").statusCode() != 200) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not ready: " + given().get("/q/health/ready").asString());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
