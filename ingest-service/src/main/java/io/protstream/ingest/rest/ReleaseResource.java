package io.protstream.ingest.rest;

import io.protstream.ingest.config.IngestConfig;
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

/**
 * Starts release ingestions and reports their progress. Writes need {@code Authorization: Bearer
 * <token>}.
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
  public Response start(
      ReleaseRequestBody body, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
    authorize(auth);
    ReleaseRequest request;
    try {
      request =
          new ReleaseRequest(
              body.source(), body.releaseId(), body.deletedAccessions(), body.complete());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    var job = jobs.submit(request);
    return Response.accepted(JobView.of(job)).location(URI.create("/releases/" + job.id())).build();
  }

  @GET
  public List<JobView> list() {
    return jobs.all().stream().map(JobView::of).toList();
  }

  @GET
  @Path("{job}")
  public JobView get(@PathParam("job") String id) {
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
                        "writes are disabled: protstream.ingest.api-token is not set"));
    String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
    if (!MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      throw new NotAuthorizedException("a valid bearer token is required", "Bearer");
    }
  }

  /** The JSON body of {@code POST /releases}. */
  public record ReleaseRequestBody(
      String source, String releaseId, String deletedAccessions, Boolean complete) {}
}
