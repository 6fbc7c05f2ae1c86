package io.protstream.index.domain;

/**
 * What a search result shows of a neighbour's sequence besides its accessions: the model that
 * embedded it and its per-protein labels (null until its annotations arrive). Read without the
 * sequence and the per-residue annotations, so k neighbours cost k small reads, not k full rows.
 */
public record NeighbourSummary(String modelId, String localization, String membrane) {}
