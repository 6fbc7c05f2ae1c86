package io.protstream.ingest.domain.diff;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The service's memory of the last state of every primary accession it has announced. The release
 * diff reads it to decide what changed and writes it only when a change is committed, that is after
 * the change was announced, so an interrupted release can be run again.
 */
public interface ReleaseLedger {

  Optional<LedgerEntry> get(String accession);

  void put(LedgerEntry entry);

  void remove(String accession);

  /**
   * Waits until every {@link #put} and {@link #remove} so far is durable. Stores that write
   * asynchronously override it; the ingestion calls it before it counts a window of changes as
   * done.
   */
  default void flush() {}

  /**
   * Says which accessions are about to be looked up, so a store can fetch them in parallel instead
   * of one round trip per {@link #get}. Stores that answer from memory ignore it.
   */
  default void prefetch(java.util.Collection<String> accessions) {}

  /** Visits every entry; used once per complete release to find accessions that disappeared. */
  void forEach(Consumer<LedgerEntry> visitor);
}
