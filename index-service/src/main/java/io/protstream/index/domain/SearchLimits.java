package io.protstream.index.domain;

/**
 * What a search request may ask for.
 *
 * @param defaultK neighbours when the request names no k
 * @param maxK most neighbours one request may ask for
 * @param maxSequenceLength longest query sequence, in residues
 */
public record SearchLimits(int defaultK, int maxK, int maxSequenceLength) {}
