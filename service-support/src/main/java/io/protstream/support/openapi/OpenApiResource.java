package io.protstream.support.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the service's OpenAPI document, {@code META-INF/openapi.yaml}, written contract-first
 * beside the resources it describes (each service tests that every REST path it serves is
 * documented there).
 */
@Path("/q/openapi")
public class OpenApiResource {

  public static final String DOCUMENT = "META-INF/openapi.yaml";

  @GET
  @Produces("application/yaml")
  public String document() {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new NotFoundException("no OpenAPI document");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
