package io.protstream.ingest.domain.ingestion;

import io.protstream.ingest.domain.diff.ChangeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Live counters of one release ingestion, safe to read while it runs. */
public final class IngestionProgress {

  private final AtomicLongArray changes = new AtomicLongArray(ChangeKind.values().length);
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong rejects = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile Instant started;
  private volatile Instant finished;

  void start(Instant now) {
    started = now;
  }

  void finish(Instant now) {
    finished = now;
  }

  void entry() {
    entries.incrementAndGet();
  }

  void reject() {
    rejects.incrementAndGet();
  }

  void committed(ChangeKind kind) {
    changes.incrementAndGet(kind.ordinal());
  }

  void bytes(long total) {
    bytes.set(total);
  }

  public long entries() {
    return entries.get();
  }

  public long rejects() {
    return rejects.get();
  }

  public long bytes() {
    return bytes.get();
  }

  /**
   * Committed changes per kind ({@code UNCHANGED} included: entries the release confirmed as they
   * were).
   */
  public Map<ChangeKind, Long> changes() {
    Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
    for (ChangeKind kind : ChangeKind.values()) {
      counts.put(kind, changes.get(kind.ordinal()));
    }
    return counts;
  }

  public Instant started() {
    return started;
  }

  public Instant finished() {
    return finished;
  }

  /** Entries per second since the start (until the end, once finished). */
  public double entriesPerSecond(Instant now) {
    if (started == null) {
      return 0;
    }
    Instant end = finished != null ? finished : now;
    double seconds = Math.max(Duration.between(started, end).toMillis(), 1) / 1000.0;
    return entries.get() / seconds;
  }
}
