package io.protstream.ingest.domain.diff;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A {@link ReleaseLedger} in memory, for tests and for dry runs that must not touch the database.
 */
public final class InMemoryReleaseLedger implements ReleaseLedger {

  private final Map<String, LedgerEntry> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<LedgerEntry> get(String accession) {
    return Optional.ofNullable(entries.get(accession));
  }

  @Override
  public void put(LedgerEntry entry) {
    entries.put(entry.accession(), entry);
  }

  @Override
  public void remove(String accession) {
    entries.remove(accession);
  }

  /** Visits a snapshot in accession order, so the visitor may change the ledger. */
  @Override
  public void forEach(Consumer<LedgerEntry> visitor) {
    new ArrayList<>(new TreeMap<>(entries).values()).forEach(visitor);
  }

  public int size() {
    return entries.size();
  }

  /** A copy of the whole ledger, ordered by accession. */
  public Map<String, LedgerEntry> snapshot() {
    return new TreeMap<>(entries);
  }
}
