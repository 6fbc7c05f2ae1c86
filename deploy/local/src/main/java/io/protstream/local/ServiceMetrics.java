package io.protstream.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a service's Prometheus text at {@code /q/metrics}. */
public final class ServiceMetrics {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServiceMetrics() {}

  /**
   * The metrics text of the service on {@code port} of 127.0.0.1; empty when it does not answer.
   */
  public static String scrape(int port) {
    try {
      return HTTP.send(
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

  /** The sum of a meter's samples over their labels in Prometheus text format; 0 when absent. */
  public static double sum(String text, String name) {
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

  /**
   * The mean of a distribution summary over everything it recorded ({@code _sum / _count}); NaN
   * when it recorded nothing.
   */
  public static double mean(String text, String summary) {
    double count = sum(text, summary + "_count");
    return count == 0 ? Double.NaN : sum(text, summary + "_sum") / count;
  }
}
