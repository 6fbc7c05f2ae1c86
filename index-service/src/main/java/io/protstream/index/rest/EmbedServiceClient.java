package io.protstream.index.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.EmbedderUnavailableException;
import io.protstream.index.domain.SequenceEmbedder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * embed-service's {@code POST /embed} ({@code {"sequence", "perResidue": false}} -> {@code
 * {"modelId", "dimension", "length", "vector"}}), with a connect and request timeout and a bound on
 * the bytes read back.
 */
@ApplicationScoped
public class EmbedServiceClient implements SequenceEmbedder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final Duration timeout;
  private final int maxResponseBytes;
  private final HttpClient http;

  EmbedServiceClient(IndexConfig config) {
    IndexConfig.Embed embed = config.embed();
    this.endpoint = URI.create(embed.url().replaceAll("/+$", "") + "/embed");
    this.timeout = embed.timeout();
    this.maxResponseBytes = embed.maxResponseBytes();
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public EmbeddedSequence embed(String sequence) {
    try {
      byte[] body = JSON.writeValueAsBytes(Map.of("sequence", sequence, "perResidue", false));
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] bytes = in.readNBytes(maxResponseBytes + 1);
        if (bytes.length > maxResponseBytes) {
          throw new EmbedderUnavailableException(
              "the embedding service answered more than " + maxResponseBytes + " bytes");
        }
        if (response.statusCode() != 200) {
          throw new EmbedderUnavailableException(
              "the embedding service answered "
                  + response.statusCode()
                  + ": "
                  + new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        JsonNode json = JSON.readTree(bytes);
        JsonNode values = json.path("vector");
        if (!values.isArray() || values.isEmpty()) {
          throw new EmbedderUnavailableException("the embedding service returned no vector");
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
          vector[i] = (float) values.get(i).asDouble();
          if (!Float.isFinite(vector[i])) {
            throw new EmbedderUnavailableException(
                "the embedding service returned a non-finite value");
          }
        }
        return new EmbeddedSequence(json.path("modelId").asText(null), vector);
      }
    } catch (IOException e) {
      throw new EmbedderUnavailableException(
          "the embedding service at " + endpoint + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbedderUnavailableException("interrupted while embedding");
    }
  }
}
