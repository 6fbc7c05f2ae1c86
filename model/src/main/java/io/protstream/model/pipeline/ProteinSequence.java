package io.protstream.model.pipeline;

/** A named amino-acid sequence. */
public record ProteinSequence(String id, String sequence) {}
