package io.protstream.embed.encoder;

import io.protstream.embed.domain.SequenceEmbedding;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.support.loading.LoadedOnce;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encoder once loaded: fired as a CDI event when loading finishes, and shared by the stream and
 * {@code POST /embed} (one copy of the weights).
 *
 * @param model the opened model folder (closed at shutdown)
 * @param encoder how batches are embedded: the model's own {@code embed}
 * @param modelId what events carry as {@code modelId}, from the folder's manifest
 * @param demo true for a generated demo model (random weights)
 */
public record LoadedModel(
    ProtT5Model model,
    SequenceEmbedding.Encoder encoder,
    String modelId,
    boolean demo,
    int dimension,
    BatchLimits limits)
    implements LoadedOnce.Resource {

  @Override
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("modelId", modelId);
    details.put("dimension", dimension);
    return details;
  }

  @Override
  public void close() {
    model.close();
  }
}
