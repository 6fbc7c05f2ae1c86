package io.protstream.index.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.ProteinSearch;
import io.protstream.index.domain.SearchException;
import io.protstream.index.domain.SearchRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code POST /api/search}. The body is read up to the configured cap and parsed here, so that a
 * body over the cap, malformed JSON, NaN values and unknown fields all get a 400 that says what to
 * fix (the domain's {@link SearchRequest#parse} checks the fields).
 */
@Path("/api/search")
public class SearchResource {

  /** Lenient enough to see NaN and Infinity, so they are refused by name, not as a syntax error. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final ProteinSearch search;
  private final int maxBodyBytes;

  SearchResource(ProteinSearch search, IndexConfig config) {
    this.search = search;
    this.maxBodyBytes = config.search().maxBodyBytes();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> search(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(maxBodyBytes + 1);
    if (bytes.length > maxBodyBytes) {
      throw SearchException.invalid(
          "the request body is over " + maxBodyBytes + " bytes; send a shorter query");
    }
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw SearchException.invalid("the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (json == null || !json.isObject()) {
      throw SearchException.invalid(
          "the body must be a JSON object, e.g. {\"accession\": \"P69905\", \"k\": 10}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = JSON.convertValue(json, Map.class);
    SearchRequest request = SearchRequest.parse(fields, search.limits(), search.dimension());
    return ProteinJson.result(search.search(request));
  }
}
