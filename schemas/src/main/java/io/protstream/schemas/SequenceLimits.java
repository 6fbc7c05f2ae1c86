package io.protstream.schemas;

/**
 * The one residue limit of the pipeline. Ingest rejects longer sequences, embed-service refuses
 * them, and every topic can carry a sequence of this length (per-residue matrices travel in parts,
 * see {@code ResidueEmbeddingEvent}). UniProtKB's longest entries (titins) are about 36,000
 * residues.
 */
public final class SequenceLimits {

  /** Longest sequence the pipeline accepts, in residues. */
  public static final int MAX_RESIDUES = 40_000;

  /** {@link #MAX_RESIDUES} as text, for configuration defaults. */
  public static final String MAX_RESIDUES_TEXT = "40000";

  private SequenceLimits() {}
}
