package io.protstream.index.rest;

import io.protstream.index.domain.SearchException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Search failures as HTTP answers: 400 invalid, 404 unknown, 410 deleted (with the release), 301
 * merged (Location: the accession it now belongs to), 409 not embedded yet, 503 embedding service
 * failed. The body is always {@code {"status", "error", "message", ...}}.
 */
@Provider
public class SearchErrors implements ExceptionMapper<SearchException> {

  @Override
  public Response toResponse(SearchException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    int status =
        switch (e.kind()) {
          case INVALID -> 400;
          case UNKNOWN -> 404;
          case DELETED -> 410;
          case MERGED -> 301;
          case NOT_READY -> 409;
          case EMBEDDER_UNAVAILABLE -> 503;
        };
    body.put("status", status);
    body.put("error", e.kind().name().toLowerCase(java.util.Locale.ROOT));
    body.put("message", e.getMessage());
    Response.ResponseBuilder response = Response.status(status);
    if (e.kind() == SearchException.Kind.DELETED) {
      body.put("release", e.detail());
    }
    if (e.kind() == SearchException.Kind.MERGED) {
      body.put("mergedInto", e.detail());
      response.location(URI.create(ProteinResource.PATH_PREFIX + e.detail()));
    }
    return response.type(MediaType.APPLICATION_JSON).entity(body).build();
  }
}
