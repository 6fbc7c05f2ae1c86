package io.protstream.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.protstream.ingest.config.IngestConfig;
import io.protstream.ingest.domain.Dataset;
import io.protstream.ingest.jobs.ReleaseJobs;
import io.protstream.ingest.jobs.ReleaseRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Starts release ingestions and reports their progress. Every endpoint needs {@code Authorization:
 * Bearer <token>}: job views name the service's sources and its errors.
 */
@Path("/releases")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseResource {

  private final ReleaseJobs jobs;
  private final IngestConfig config;

  ReleaseResource(ReleaseJobs jobs, IngestConfig config) {
    this.jobs = jobs;
    this.config = config;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(JsonNode json, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
    authorize(auth);
    try {
      ReleaseRequestBody body = ReleaseRequestBody.of(json);
      ReleaseRequest request =
          new ReleaseRequest(
              body.source(),
              body.releaseId(),
              body.deletedAccessions(),
              body.complete(),
              Dataset.parse(body.dataset()).orElse(null));
      var job = jobs.submit(request);
      return Response.accepted(JobView.of(job))
          .location(URI.create("/releases/" + job.id()))
          .build();
    } catch (IllegalArgumentException e) {
      // malformed fields and sources refused by the allow-lists; the message names the rule
      throw new BadRequestException(text(Response.Status.BAD_REQUEST, e.getMessage()));
    }
  }

  @GET
  public List<JobView> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
    authorize(auth);
    return jobs.all().stream().map(JobView::of).toList();
  }

  @GET
  @Path("{job}")
  public JobView get(
      @PathParam("job") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
    authorize(auth);
    return jobs.find(id).map(JobView::of).orElseThrow(() -> new NotFoundException("no job " + id));
  }

  /** Compares in constant time so the token cannot be guessed byte by byte from response times. */
  private void authorize(String header) {
    String token =
        config
            .ingest()
            .apiToken()
            .orElseThrow(
                () ->
                    new ForbiddenException(
                        text(
                            Response.Status.FORBIDDEN,
                            "the release API is disabled: protstream.ingest.api-token is not set")));
    String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
    if (!MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      throw new NotAuthorizedException("a valid bearer token is required", "Bearer");
    }
  }

  private static Response text(Response.Status status, String message) {
    return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message).build();
  }

  /** The JSON body of {@code POST /releases}; unknown fields are refused, not ignored. */
  public record ReleaseRequestBody(
      String source, String releaseId, String deletedAccessions, Boolean complete, String dataset) {

    private static final Set<String> FIELDS =
        Set.of("source", "releaseId", "deletedAccessions", "complete", "dataset");

    static ReleaseRequestBody of(JsonNode json) {
      if (json == null || json.isNull() || json.isMissingNode()) {
        throw new IllegalArgumentException("a JSON body {source, releaseId, ...} is required");
      }
      if (!json.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      json.fieldNames()
          .forEachRemaining(
              name -> {
                if (!FIELDS.contains(name)) {
                  throw new IllegalArgumentException(
                      "unknown field '" + name + "'; the fields are " + new TreeSet<>(FIELDS));
                }
              });
      JsonNode complete = json.get("complete");
      if (complete != null && !complete.isNull() && !complete.isBoolean()) {
        throw new IllegalArgumentException("complete must be true or false");
      }
      return new ReleaseRequestBody(
          text(json, "source"),
          text(json, "releaseId"),
          text(json, "deletedAccessions"),
          complete == null || complete.isNull() ? null : complete.booleanValue(),
          text(json, "dataset"));
    }

    private static String text(JsonNode json, String field) {
      JsonNode value = json.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual()) {
        throw new IllegalArgumentException(field + " must be a string");
      }
      return value.textValue();
    }
  }
}
