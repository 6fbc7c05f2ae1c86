package io.protstream.embed.testing;

import static io.restassured.RestAssured.given;

/** Waits until the service under test reports ready (the model loads after start-up). */
public final class Readiness {

  private Readiness() {}

  public static void await() throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (given().when().get("/q/health/ready").statusCode() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(given().when().get("/q/health/ready").asString());
  }
}
