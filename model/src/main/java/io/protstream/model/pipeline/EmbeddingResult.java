package io.protstream.model.pipeline;

import io.protstream.model.runtime.Embedding;

/**
 * The embedding of one input sequence.
 *
 * @param windowed true when the sequence was longer than the configured limit and its per-residue
 *     states were stitched from overlapping windows: close to, but not the same as, a single pass
 */
public record EmbeddingResult(String id, Embedding embedding, boolean windowed) {}
