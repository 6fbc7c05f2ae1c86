package io.protstream.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows released sequences through the pipeline by the services' own counters: the distinct
 * sequences embed-service embedded and the annotation events predict-service produced.
 */
final class PipelineProgress {

  static final String EMBEDDED = "protstream_embed_sequences_total";
  static final String ANNOTATED = "protstream_predict_annotations_total";
  static final String EMBED_DEAD = "protstream_embed_dead_letters_total";
  static final String PREDICT_DEAD = "protstream_predict_dead_letters_total";
  private static final Duration SETTLED = Duration.ofSeconds(3);

  private PipelineProgress() {}

  /**
   * Waits until predict-service has annotated every sequence embed-service embedded and neither
   * count moved for a few seconds; returns a one-line report.
   */
  static String awaitAnnotations(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    double lastEmbedded = -1;
    double lastAnnotated = -1;
    Instant stableSince = Instant.now();
    while (Instant.now().isBefore(deadline)) {
      String embed = metrics(http, 8082);
      String predict = metrics(http, 8083);
      double embedded = sum(embed, EMBEDDED);
      double annotated = sum(predict, ANNOTATED);
      if (embedded != lastEmbedded || annotated != lastAnnotated) {
        lastEmbedded = embedded;
        lastAnnotated = annotated;
        stableSince = Instant.now();
        System.out.printf(
            "pipeline: %.0f sequences embedded, %.0f annotation events%n", embedded, annotated);
      } else if (embedded > 0
          && annotated >= embedded
          && Instant.now().isAfter(stableSince.plus(SETTLED))) {
        return String.format(
            "sample release annotated: %.0f sequences embedded, %.0f annotation events on"
                + " protein.annotations.v1 (dead letters: embed %.0f, predict %.0f)",
            embedded, annotated, sum(embed, EMBED_DEAD), sum(predict, PREDICT_DEAD));
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return String.format(
        "sample release NOT fully annotated after %s: %.0f sequences embedded, %.0f annotation"
            + " events; see the service logs",
        timeout, lastEmbedded, lastAnnotated);
  }

  private static String metrics(HttpClient http, int port) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The sum of a counter over its labels in Prometheus text format; 0 when absent. */
  static double sum(String text, String name) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        String[] parts = line.trim().split("\\s+");
        try {
          total += Double.parseDouble(parts[parts.length - 1]);
        } catch (NumberFormatException e) {
          // not a sample line
        }
      }
    }
    return total;
  }
}
