package io.protstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** ingest-service's release API ({@code POST /releases}, {@code GET /releases/{job}}). */
final class ReleaseClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ReleaseClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Submits a release file; returns the job id. */
  String submit(Path file, String releaseId, boolean complete)
      throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "source", file.toAbsolutePath().normalize().toString(),
                "releaseId", releaseId,
                "complete", complete));
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/releases"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ServiceSet.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 202) {
      throw new IOException("release not accepted: " + created.statusCode() + " " + created.body());
    }
    return JSON.readTree(created.body()).get("id").asText();
  }

  /** The job's view, or null when the service does not know it (e.g. it was restarted). */
  JsonNode job(String id) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/releases/" + id))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ServiceSet.TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }

  static boolean finished(JsonNode job) {
    String state = job.path("state").asText();
    return state.equals("SUCCEEDED") || state.equals("FAILED");
  }

  /** Waits for the job to end; returns its final view. */
  JsonNode await(String id, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = job(id);
      if (last != null && finished(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("job " + id + " did not end in " + timeout + ": " + last);
  }
}
