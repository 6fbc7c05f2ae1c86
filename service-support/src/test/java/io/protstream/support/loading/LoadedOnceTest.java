package io.protstream.support.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Loading once in the background, and what readiness says at each step. */
class LoadedOnceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A stand-in resource that counts its closes. */
  private static final class Model implements LoadedOnce.Resource {
    final boolean demo;
    final AtomicInteger closes = new AtomicInteger();

    Model(boolean demo) {
      this.demo = demo;
    }

    @Override
    public boolean demo() {
      return demo;
    }

    @Override
    public Map<String, Object> details() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("modelId", "prott5-test");
      details.put("dimension", 64);
      return details;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  private final LoadedOnce<Model> model =
      new LoadedOnce<>("test model", "protstream.test.model-directory", "embeddings");

  @Test
  void isDownWhileLoadingThenUpWithItsDetails() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Model loaded = new Model(false);
    CompletableFuture<Model> announced = new CompletableFuture<>();
    model.start(
        Optional.of("/models/prott5"),
        folder -> {
          assertEquals(Path.of("/models/prott5"), folder);
          assertTrue(release.await(WAIT.toSeconds(), TimeUnit.SECONDS));
          return loaded;
        },
        announced::complete);

    assertEquals(LoadedOnce.State.LOADING, model.state());
    HealthCheckResponse loading = model.health();
    assertEquals(HealthCheckResponse.Status.DOWN, loading.getStatus());
    assertEquals("test model", loading.getName());
    assertEquals("LOADING", data(loading).get("state"));
    assertEquals("/models/prott5", data(loading).get("directory"));
    assertTrue(model.get().isEmpty());

    release.countDown();
    assertSame(loaded, announced.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(LoadedOnce.State.READY, model.state());
    HealthCheckResponse ready = model.health();
    assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
    assertEquals("prott5-test", data(ready).get("modelId"));
    assertEquals(64L, data(ready).get("dimension"));
    assertEquals(false, data(ready).get("demo"));
    assertFalse(data(ready).containsKey("warning"));
    assertSame(loaded, model.get().orElseThrow());
  }

  @Test
  void aDemoModelIsAnnouncedInEveryReadinessAnswer() throws Exception {
    CompletableFuture<Model> announced = new CompletableFuture<>();
    model.start(Optional.of("/models/demo"), folder -> new Model(true), announced::complete);
    announced.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Map<String, Object> data = data(model.health());
    assertEquals(true, data.get("demo"));
    assertEquals("DEMO MODEL: random weights, the embeddings mean nothing", data.get("warning"));
  }

  @Test
  void aFailureKeepsItDownAndSaysWhy() throws Exception {
    model.start(
        Optional.of("/models/prott5"),
        folder -> {
          throw new IllegalStateException("device 'cuda' needs a GPU");
        },
        m -> {
          throw new AssertionError("announced a model that did not load");
        });
    awaitNot(LoadedOnce.State.LOADING);
    assertEquals(LoadedOnce.State.FAILED, model.state());
    HealthCheckResponse failed = model.health();
    assertEquals(HealthCheckResponse.Status.DOWN, failed.getStatus());
    assertEquals(
        "java.lang.IllegalStateException: device 'cuda' needs a GPU", data(failed).get("failure"));
    assertEquals("java.lang.IllegalStateException: device 'cuda' needs a GPU", model.failure());
  }

  @Test
  void withoutAFolderNothingLoadsAndReadinessNamesTheSetting() {
    model.start(
        Optional.empty(),
        folder -> {
          throw new AssertionError("loaded without a folder");
        },
        m -> {});
    assertEquals(LoadedOnce.State.NOT_CONFIGURED, model.state());
    HealthCheckResponse response = model.health();
    assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
    assertEquals("(not set: protstream.test.model-directory)", data(response).get("directory"));
  }

  @Test
  void closesWhatItLoadedOnceAndLoadsOnlyOnce() throws Exception {
    Model loaded = new Model(false);
    CompletableFuture<Model> announced = new CompletableFuture<>();
    model.start(Optional.of("/models/prott5"), folder -> loaded, announced::complete);
    announced.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThrows(
        IllegalStateException.class,
        () -> model.start(Optional.of("/models/other"), folder -> new Model(false), m -> {}));
    model.close();
    model.close();
    assertEquals(1, loaded.closes.get());
    assertTrue(model.get().isEmpty());
  }

  private void awaitNot(LoadedOnce.State state) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (model.state() == state && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static Map<String, Object> data(HealthCheckResponse response) {
    return response.getData().orElse(Map.of());
  }
}
