package io.protstream.embed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.embed.encoder.ModelReadiness;
import io.protstream.embed.messaging.StreamReadiness;
import io.protstream.embed.testing.TinyModelResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code protstream.embed.device=tensorrt} where no GPU can be used (no NVIDIA GPU here, and the
 * default build carries ONNX Runtime's CPU build): the service stays up but never ready, says why
 * in its readiness answer and on {@code POST /embed}, and consumes nothing.
 */
@QuarkusTest
@TestProfile(GpuDeviceWithoutGpuTest.TensorRt.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TinyModelResource.class, restrictToAnnotatedClass = false)
class GpuDeviceWithoutGpuTest {

  /** The tiny model on TensorRT, with an engine cache as the GPU recipe configures it. */
  public static final class TensorRt implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "protstream.embed.device", "tensorrt",
          "protstream.embed.engine-cache-directory", "target/trt-engines");
    }
  }

  @Test
  void readinessStaysDownAndNamesWhatIsMissing() throws InterruptedException {
    Map<String, Object> model = modelCheckOnceSettled();
    assertEquals("DOWN", model.get("status"));
    Map<?, ?> data = (Map<?, ?>) model.get("data");
    assertEquals("FAILED", data.get("state"));
    String failure = String.valueOf(data.get("failure"));
    // the CPU build names the GPU build to install; the GPU build without a GPU says none answers
    assertTrue(failure.contains("DeviceUnavailableException"), failure);
    assertTrue(failure.toLowerCase(Locale.ROOT).contains("tensorrt"), failure);
    assertTrue(failure.contains("NVIDIA GPU"), failure);

    JsonPath ready =
        given().when().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
    assertEquals(
        "DOWN",
        ready.getString("checks.find { it.name == '" + StreamReadiness.NAME + "' }.status"),
        "nothing is consumed without the model");

    JsonPath answer =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("sequence", "MKTAYIAK"))
            .when()
            .post("/embed")
            .then()
            .statusCode(503)
            .extract()
            .jsonPath();
    assertEquals("MODEL_FAILED", answer.getString("reason"));
    assertTrue(answer.getString("error").contains("NVIDIA GPU"), answer.getString("error"));
  }

  /** The model check once loading has ended (it runs in the background after start-up). */
  private static Map<String, Object> modelCheckOnceSettled() throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      JsonPath ready = given().when().get("/q/health/ready").then().extract().jsonPath();
      Map<String, Object> model =
          ready.getMap("checks.find { it.name == '" + ModelReadiness.NAME + "' }");
      if (model != null && !"LOADING".equals(((Map<?, ?>) model.get("data")).get("state"))) {
        return model;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the model check did not settle: " + ready.prettify());
      }
      Thread.sleep(100);
    }
  }
}
