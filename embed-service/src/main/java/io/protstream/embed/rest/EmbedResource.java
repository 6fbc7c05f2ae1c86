package io.protstream.embed.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.protstream.embed.config.EmbedConfig;
import io.protstream.embed.domain.Refusal;
import io.protstream.embed.domain.SequenceEmbedding;
import io.protstream.embed.encoder.LoadedModel;
import io.protstream.embed.encoder.ModelRuntime;
import io.protstream.model.runtime.Embedding;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * Synchronous embedding of one query sequence (for the search API), on the model the stream uses.
 */
@Path("/embed")
public class EmbedResource {

  private static final String QUERY = "query";

  /** {@code perResidue} adds the L x d matrix to the answer. */
  public record EmbedRequest(String sequence, Boolean perResidue) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EmbedResponse(
      String modelId, int dimension, int length, float[] vector, float[][] residues) {}

  public record ErrorResponse(String error, String reason) {}

  private final ModelRuntime runtime;
  private final EmbedConfig config;

  EmbedResource(ModelRuntime runtime, EmbedConfig config) {
    this.runtime = runtime;
    this.config = config;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response embed(EmbedRequest request) {
    Optional<LoadedModel> loaded = runtime.loaded();
    Optional<String> failure = runtime.failure();
    if (failure.isPresent()) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(
              new ErrorResponse("the model could not be loaded: " + failure.get(), "MODEL_FAILED"))
          .build();
    }
    if (loaded.isEmpty()) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .header("Retry-After", "10")
          .entity(new ErrorResponse("the model is not loaded yet", "MODEL_LOADING"))
          .build();
    }
    if (request == null || request.sequence() == null) {
      return badRequest("'sequence' is required", "MISSING_SEQUENCE");
    }
    LoadedModel model = loaded.get();
    SequenceEmbedding embedding =
        new SequenceEmbedding(
            model.encoder(),
            model.limits(),
            config.rest().maxResidues(),
            (sequences, residues, padding, nanos) -> {});
    SequenceEmbedding.Outcome outcome =
        embedding.embed(Map.of(QUERY, request.sequence())).get(QUERY);
    if (!outcome.embedded()) {
      Refusal refusal = outcome.refusal();
      if (refusal.reason() == Refusal.Reason.MODEL_FAILURE) {
        return Response.serverError()
            .entity(new ErrorResponse(refusal.message(), refusal.reason().name()))
            .build();
      }
      return badRequest(refusal.message(), refusal.reason().name());
    }
    Embedding e = outcome.embedding().embedding();
    float[][] residues = null;
    if (Boolean.TRUE.equals(request.perResidue())) {
      residues = new float[e.length()][];
      for (int i = 0; i < e.length(); i++) {
        residues[i] = e.residue(i);
      }
    }
    return Response.ok(
            new EmbedResponse(model.modelId(), e.dModel(), e.length(), e.protein(), residues))
        .build();
  }

  private static Response badRequest(String message, String reason) {
    return Response.status(Response.Status.BAD_REQUEST)
        .entity(new ErrorResponse(message, reason))
        .build();
  }
}
