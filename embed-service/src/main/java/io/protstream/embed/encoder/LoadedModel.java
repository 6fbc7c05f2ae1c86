package io.protstream.embed.encoder;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.ProtT5Model;

/**
 * The encoder once loaded: fired as a CDI event when loading finishes, and shared by the stream and
 * {@code POST /embed} (one copy of the weights).
 *
 * @param modelId what events carry as {@code modelId}, from the folder's manifest
 * @param demo true for a generated demo model (random weights)
 */
public record LoadedModel(
    ProtT5Model model, String modelId, boolean demo, int dimension, BatchLimits limits) {}
