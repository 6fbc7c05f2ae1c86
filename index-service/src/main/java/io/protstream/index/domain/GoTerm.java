package io.protstream.index.domain;

/** One curated GO annotation: identifier, aspect (P, F or C) and evidence code (may be null). */
public record GoTerm(String id, String aspect, String evidence) {}
