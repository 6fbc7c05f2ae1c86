package io.protstream.index.domain;

/** A candidate neighbour: a sequence digest and its exact distance to the query. */
public record ScoredDigest(String digest, double distance, float[] vector) {}
