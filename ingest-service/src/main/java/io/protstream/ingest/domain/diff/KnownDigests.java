package io.protstream.ingest.domain.diff;

/**
 * The sequence digests that already have, or have been announced for, an embedding. A sequence
 * shared by several accessions is embedded once: only the first change that carries its digest asks
 * for it.
 */
public interface KnownDigests {

  boolean contains(String digest);

  void add(String digest);

  /** Says which digests are about to be looked up (see {@link ReleaseLedger#prefetch}). */
  default void prefetch(java.util.Collection<String> digests) {}
}
