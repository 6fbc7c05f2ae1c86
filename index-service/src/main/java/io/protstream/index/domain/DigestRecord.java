package io.protstream.index.domain;

/**
 * What the index holds for one sequence digest; parts that have not arrived yet are null.
 *
 * @param searchable whether the vector indexes hold it now
 * @param transferDone whether its transferred annotations were published
 */
public record DigestRecord(
    String digest,
    String sequence,
    float[] vector,
    String modelId,
    PredictedAnnotations annotations,
    boolean searchable,
    boolean transferDone) {}
