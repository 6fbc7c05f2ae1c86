package io.protstream.index.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The embedding consumer stores records concurrently. Events of one digest arriving on several
 * threads at once must not interleave their index updates: an index that rewrites a digest's
 * buckets by read-modify-write (as the LSH index does) would otherwise keep bucket entries of a
 * replaced vector, and a new digest could be transferred twice.
 */
class ConcurrentEmbeddingTest {

  private static final int THREADS = 8;
  private static final int EVENTS_PER_THREAD = 24;
  private static final List<String> DIGESTS =
      List.of("1".repeat(64), "2".repeat(64), "3".repeat(64));
  private static final Instant T0 = Instant.parse("2025-02-05T00:00:00Z");

  @Test
  void eventsOfOneDigestNeverInterleaveAndLeaveOneBucketEntryAndOneTransfer() throws Exception {
    MemoryStore store = new MemoryStore();
    BucketIndex index = new BucketIndex();
    Map<String, AtomicInteger> published = new ConcurrentHashMap<>();
    IndexMaintenance maintenance =
        new IndexMaintenance(
            store,
            List.of(index),
            new BucketIndex(),
            5,
            new AnnotationTransfer(1),
            (digest, accessions, modelId, transfer) ->
                published.computeIfAbsent(digest, d -> new AtomicInteger()).incrementAndGet());

    // event i of thread t: digest (t + i) mod 3, vector (t, i), event time t * 1000 + i seconds;
    // the latest of each digest is therefore known without the code under test
    Map<String, float[]> latest = new HashMap<>();
    Map<String, Integer> latestTime = new HashMap<>();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < EVENTS_PER_THREAD; i++) {
        String digest = DIGESTS.get((t + i) % DIGESTS.size());
        int seconds = t * 1000 + i;
        if (latestTime.getOrDefault(digest, -1) < seconds) {
          latestTime.put(digest, seconds);
          latest.put(digest, vector(t, i));
        }
      }
    }

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      running.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                  String digest = DIGESTS.get((thread + i) % DIGESTS.size());
                  maintenance.embedding(
                      new ProteinEmbedding(digest, Set.of("A" + thread), "m", vector(thread, i)),
                      T0.plusSeconds(thread * 1000L + i));
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : running) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertEquals(1, index.mostConcurrentUpdatesOfOneDigest.get(), "updates of a digest overlapped");
    for (String digest : DIGESTS) {
      assertArrayEquals(latest.get(digest), store.vectors.get(digest), digest);
      assertEquals(
          List.of(Arrays.toString(latest.get(digest))),
          index.bucketsHolding(digest),
          "bucket entries of " + digest);
      assertEquals(1, published.get(digest).get(), "transfers published for " + digest);
    }
  }

  private static float[] vector(int thread, int event) {
    return new float[] {thread, event, 1f};
  }

  /**
   * Buckets keyed by the exact vector; a put reads the digest's recorded bucket, moves the entry,
   * and records the new bucket, with a pause in between that a concurrent put would fall into.
   */
  private static final class BucketIndex implements VectorIndex {
    final Map<String, Set<String>> buckets = new ConcurrentHashMap<>();
    final Map<String, String> recorded = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> updating = new ConcurrentHashMap<>();
    final AtomicInteger mostConcurrentUpdatesOfOneDigest = new AtomicInteger();

    @Override
    public IndexMethod method() {
      return IndexMethod.LSH;
    }

    @Override
    public void put(String digest, float[] vector) {
      AtomicInteger inFlight = updating.computeIfAbsent(digest, d -> new AtomicInteger());
      mostConcurrentUpdatesOfOneDigest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        String previous = recorded.get(digest);
        String bucket = Arrays.toString(vector);
        pause();
        if (previous != null && !previous.equals(bucket)) {
          buckets.getOrDefault(previous, Set.of()).remove(digest);
        }
        buckets.computeIfAbsent(bucket, b -> ConcurrentHashMap.newKeySet()).add(digest);
        recorded.put(digest, bucket);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void remove(String digest) {
      String previous = recorded.remove(digest);
      if (previous != null) {
        buckets.getOrDefault(previous, Set.of()).remove(digest);
      }
    }

    @Override
    public List<ScoredDigest> nearest(float[] query, int n, Metric metric) {
      return List.of();
    }

    List<String> bucketsHolding(String digest) {
      return buckets.entrySet().stream()
          .filter(e -> e.getValue().contains(digest))
          .map(Map.Entry::getKey)
          .toList();
    }

    private static void pause() {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Embeddings by event time (latest wins), one unreviewed live accession per digest. */
  private static final class MemoryStore implements ProteinStore {
    final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    final Map<String, Instant> times = new ConcurrentHashMap<>();
    final Set<String> searchable = ConcurrentHashMap.newKeySet();
    final Set<String> transferred = ConcurrentHashMap.newKeySet();

    @Override
    public int claimDimension(int dimension) {
      return dimension;
    }

    @Override
    public OptionalInt dimension() {
      return OptionalInt.of(3);
    }

    @Override
    public synchronized void putEmbedding(ProteinEmbedding embedding, Instant eventTime) {
      Instant stored = times.get(embedding.digest());
      if (stored == null || stored.isBefore(eventTime)) {
        times.put(embedding.digest(), eventTime);
        vectors.put(embedding.digest(), embedding.vector());
      }
    }

    @Override
    public void putAnnotations(String digest, PredictedAnnotations annotations) {}

    @Override
    public void putLiveEntry(AccessionEntry entry, String sequence) {}

    @Override
    public void retireEntry(AccessionEntry entry, String previousDigest) {}

    @Override
    public void removeMembership(String digest, String accession, Instant eventTime) {}

    @Override
    public Optional<AccessionEntry> accession(String accession) {
      return Optional.empty();
    }

    @Override
    public Optional<DigestRecord> digest(String digest) {
      return Optional.empty(); // keeping the indexes reads only their state
    }

    @Override
    public Optional<IndexState> indexState(String digest) {
      return Optional.of(
          new IndexState(
              vectors.get(digest), "m", searchable.contains(digest), transferred.contains(digest)));
    }

    @Override
    public Map<String, NeighbourSummary> summaries(Collection<String> digests) {
      return Map.of(); // searches are not under test here
    }

    @Override
    public List<Member> liveMembers(String digest) {
      return List.of(new Member("U" + digest.charAt(0), false, null, null, null, null));
    }

    @Override
    public void markSearchable(String digest, boolean searchable) {
      if (searchable) {
        this.searchable.add(digest);
      } else {
        this.searchable.remove(digest);
      }
    }

    @Override
    public void markTransferDone(String digest) {
      transferred.add(digest);
    }
  }
}
