package io.protstream.index.domain;

/**
 * What a protein's card shows of its sequence digest; parts that have not arrived yet are null.
 * Keeping the indexes reads {@link IndexState} instead, and search results {@link
 * NeighbourSummary}.
 */
public record DigestRecord(
    String digest,
    String sequence,
    float[] vector,
    String modelId,
    PredictedAnnotations annotations) {}
