package io.protstream.index.domain;

/**
 * What keeping the indexes needs of a stored digest: its vector (null until its embedding arrives)
 * and model, and how far it was indexed. Read without the sequence and the per-residue annotations,
 * which for a long protein are most of its 100 KB.
 *
 * @param searchable whether the vector indexes hold it now
 * @param transferDone whether its transferred annotations were published
 */
public record IndexState(
    float[] vector, String modelId, boolean searchable, boolean transferDone) {}
