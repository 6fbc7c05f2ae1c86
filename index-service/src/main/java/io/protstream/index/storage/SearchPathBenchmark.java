package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import io.protstream.index.domain.AccessionEntry;
import io.protstream.index.domain.AnnotationTransfer;
import io.protstream.index.domain.CuratedAnnotations;
import io.protstream.index.domain.EmbedderUnavailableException;
import io.protstream.index.domain.EntryState;
import io.protstream.index.domain.IndexMethod;
import io.protstream.index.domain.Metric;
import io.protstream.index.domain.PredictedAnnotations;
import io.protstream.index.domain.ProteinEmbedding;
import io.protstream.index.domain.ProteinSearch;
import io.protstream.index.domain.ScoredDigest;
import io.protstream.index.domain.SearchLimits;
import io.protstream.index.domain.SearchRequest;
import io.protstream.index.domain.VectorIndex;
import io.protstream.support.cassandra.CqlSessions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Benchmark command (not a test): what a search costs beyond its index lookup. Stores {@code n}
 * proteins as the index does (entry, embedding, per-residue annotations of {@code length}
 * residues), then answers vector searches through {@link ProteinSearch} against Cassandra with an
 * in-memory exact index, so the index itself costs next to nothing and the rest is the search
 * path's own reads: the neighbours' members and what a result shows of each neighbour. Prints, per
 * k, the p50 of the lookup alone and of the whole search, and their difference.
 *
 * <pre>
 * java -cp "$CP" io.protstream.index.storage.SearchPathBenchmark [--cassandra 127.0.0.1:19042]
 *     [--n 2000] [--dimension 1024] [--length 500] [--queries 100] [--k 10,100,1000]
 * </pre>
 */
public final class SearchPathBenchmark {

  private static final String KEYSPACE = "protstream_bench_search";
  private static final String MODEL = "bench";

  private SearchPathBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = IndexBenchmark.options(args);
    String cassandra = a.getOrDefault("cassandra", "127.0.0.1:19042");
    int n = Integer.parseInt(a.getOrDefault("n", "2000"));
    int d = Integer.parseInt(a.getOrDefault("dimension", "1024"));
    int length = Integer.parseInt(a.getOrDefault("length", "500"));
    int queries = Integer.parseInt(a.getOrDefault("queries", "100"));
    int[] ks =
        Arrays.stream(a.getOrDefault("k", "10,100,1000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Random random = new Random(7);
    float[][] data = new float[n][];
    for (int i = 0; i < n; i++) {
      data[i] = IndexBenchmark.gaussian(random, d, 0.05);
    }
    MemoryIndex index = new MemoryIndex();
    try (CqlSession session = CqlSessions.open(List.of(cassandra), "datacenter1")) {
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      CqlSessions.createKeyspace(session, KEYSPACE, 1);
      IndexSchema.create(session, KEYSPACE);
      CassandraProteinStore store = new CassandraProteinStore(session, KEYSPACE);
      long begin = System.nanoTime();
      Instant now = Instant.now();
      IntStream.range(0, n)
          .parallel()
          .forEach(
              i -> {
                String digest = IndexBenchmark.digest(i);
                String sequence = sequence(i, length);
                store.putLiveEntry(entry(i, digest, now), sequence);
                store.putEmbedding(
                    new ProteinEmbedding(digest, Set.of(accession(i)), MODEL, data[i]), now);
                store.putAnnotations(digest, annotations(length, now));
                index.put(digest, data[i]);
              });
      System.out.printf(
          Locale.ROOT,
          "stored %d proteins of %d residues, %d-d, in %.1f s%n",
          n,
          length,
          d,
          (System.nanoTime() - begin) / 1e9);
      ProteinSearch search =
          new ProteinSearch(
              store,
              Map.of(IndexMethod.EXACT, index),
              sequence -> {
                throw new EmbedderUnavailableException("the benchmark searches by vector");
              },
              new SearchLimits(10, Arrays.stream(ks).max().orElse(10), length),
              new AnnotationTransfer(3),
              d);
      System.out.println("k\tlookup p50 ms\tsearch p50 ms\tsearch - lookup ms");
      for (int k : ks) {
        double[] lookup = new double[queries];
        double[] whole = new double[queries];
        // the first half-round compiles and warms the driver's connections; only then measured
        for (int q = -queries / 2; q < queries; q++) {
          float[] query = data[random.nextInt(n)].clone();
          query[0] += 0.01f;
          long t0 = System.nanoTime();
          index.nearest(query, k, Metric.EUCLIDEAN);
          long t1 = System.nanoTime();
          int found =
              search
                  .search(
                      new SearchRequest(
                          null, null, query, k, IndexMethod.EXACT, Metric.EUCLIDEAN, false, null))
                  .neighbours()
                  .size();
          long t2 = System.nanoTime();
          if (found != Math.min(k, n)) {
            throw new IllegalStateException(found + " neighbours for k = " + k);
          }
          if (q >= 0) {
            lookup[q] = (t1 - t0) / 1e6;
            whole[q] = (t2 - t1) / 1e6;
          }
        }
        double lookupP50 = p50(lookup);
        double wholeP50 = p50(whole);
        System.out.printf(
            Locale.ROOT, "%d\t%.2f\t%.2f\t%.2f%n", k, lookupP50, wholeP50, wholeP50 - lookupP50);
      }
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    }
  }

  /** Exact search over vectors held in memory. */
  private static final class MemoryIndex implements VectorIndex {
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    @Override
    public IndexMethod method() {
      return IndexMethod.EXACT;
    }

    @Override
    public void put(String digest, float[] vector) {
      vectors.put(digest, vector);
    }

    @Override
    public void remove(String digest) {
      vectors.remove(digest);
    }

    @Override
    public List<ScoredDigest> nearest(float[] query, int n, Metric metric) {
      Ranking ranking = new Ranking(query, n, metric);
      vectors.forEach(ranking::offer);
      return ranking.nearestFirst();
    }
  }

  private static AccessionEntry entry(int i, String digest, Instant time) {
    return new AccessionEntry(
        accession(i),
        digest,
        "Protein " + i,
        null,
        "Organism " + (i % 50),
        9606L,
        i % 4 == 0,
        "bench",
        List.of(),
        EntryState.LIVE,
        null,
        CuratedAnnotations.NONE,
        time);
  }

  /** A per-residue annotation row the size the predict service writes for {@code length}. */
  private static PredictedAnnotations annotations(int length, Instant time) {
    return new PredictedAnnotations(
        MODEL,
        MODEL,
        MODEL,
        MODEL,
        MODEL,
        length,
        "C".repeat(length),
        noise(3 * length),
        "C".repeat(length),
        noise(8 * length),
        "-".repeat(length),
        noise(2 * length),
        "Cytoplasm",
        List.of(0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f),
        "Soluble",
        List.of(0.1f, 0.9f),
        time);
  }

  /** A valid UniProtKB accession per index, as P1A2B3 (letter, digit, three of 0-9A-Z, digit). */
  private static String accession(int i) {
    String middle = Integer.toString(i / 100 % 46_656 + 46_656, 36).substring(1).toUpperCase();
    return "P" + i % 10 + middle + i / 10 % 10;
  }

  private static String sequence(int i, int length) {
    StringBuilder s = new StringBuilder("M");
    Random random = new Random(i);
    String residues = "ACDEFGHIKLMNPQRSTVWY";
    while (s.length() < length) {
      s.append(residues.charAt(random.nextInt(residues.length())));
    }
    return s.toString();
  }

  /** Probability bytes that compress like real ones (hardly), unlike zeros. */
  private static byte[] noise(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static double p50(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
