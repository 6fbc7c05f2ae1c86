package io.protstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** index-service's API as a client sees it; redirects are not followed. */
final class IndexApi {

  /** An answer: the status, the Location header (or null) and the JSON body. */
  record Answer(int status, String location, JsonNode body) {}

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  IndexApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Answer protein(String accession) throws IOException, InterruptedException {
    return answer(
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/proteins/" + accession))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  Answer search(Map<String, Object> request) throws IOException, InterruptedException {
    return answer(
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/search"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        ReleaseClient.JSON.writeValueAsString(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private static Answer answer(HttpResponse<String> response) throws IOException {
    String body = response.body();
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Location").orElse(null),
        body == null || body.isBlank() ? null : ReleaseClient.JSON.readTree(body));
  }
}
