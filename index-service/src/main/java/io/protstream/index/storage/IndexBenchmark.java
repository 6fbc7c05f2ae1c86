package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.protstream.index.domain.HyperplaneLsh;
import io.protstream.index.domain.Metric;
import io.protstream.index.domain.ProteinEmbedding;
import io.protstream.index.domain.ScoredDigest;
import io.protstream.index.domain.VectorIndex;
import io.protstream.support.cassandra.CqlSessions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Benchmark command (not a test): recall@10 against exact search, p50/p99 latency and queries/s of
 * {@code lsh}, {@code sai} and {@code exact}, and insert rates of {@code lsh} and {@code sai}, on
 * clustered vectors shaped like mean-pooled ProtT5 embeddings, against a running Cassandra (the
 * local run's by default), in a keyspace of its own; then the LSH parameter sweep (k, L, probes) as
 * recall against candidates per query, computed in memory with the same hash.
 *
 * <pre>
 * CP="index-service/target/quarkus-app/lib/main/*:index-service/target/quarkus-app/lib/boot/*"
 * java -cp "$CP:index-service/target/classes" \
 *     io.protstream.index.storage.IndexBenchmark [--cassandra 127.0.0.1:19042] [--n 100000]
 *     [--dimension 1024] [--queries 200] [--threads 8] [--bits 12] [--tables 16] [--probes 8]
 *     [--no-sai] [--no-sweep] [--no-cassandra]
 * </pre>
 */
public final class IndexBenchmark {

  private static final String KEYSPACE = "protstream_bench";
  private static final int K = 10;

  private IndexBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = options(args);
    String cassandra = a.getOrDefault("cassandra", "127.0.0.1:19042");
    int n = Integer.parseInt(a.getOrDefault("n", "100000"));
    int d = Integer.parseInt(a.getOrDefault("dimension", "1024"));
    int queries = Integer.parseInt(a.getOrDefault("queries", "200"));
    int threads = Integer.parseInt(a.getOrDefault("threads", "8"));
    LshParameters lsh =
        new LshParameters(
            Integer.parseInt(a.getOrDefault("bits", "12")),
            Integer.parseInt(a.getOrDefault("tables", "16")),
            Integer.parseInt(a.getOrDefault("probes", "8")),
            Optional.of(42L));

    System.out.printf(Locale.ROOT, "data: %d x %d clustered vectors, %d queries%n", n, d, queries);
    float[][] data = new float[n][];
    float[][] query = new float[queries][];
    clusteredData(n, d, queries, data, query);
    int[][] truth = groundTruth(data, query);

    if (!a.containsKey("no-sweep")) {
      int sweepQueries = Math.min(queries, 100);
      sweep(data, Arrays.copyOf(query, sweepQueries), Arrays.copyOf(truth, sweepQueries));
    }
    if (a.containsKey("no-cassandra")) {
      return;
    }

    try (CqlSession session = CqlSessions.open(List.of(cassandra), "datacenter1")) {
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      CqlSessions.createKeyspace(session, KEYSPACE, 1);
      IndexSchema.create(session, KEYSPACE);
      PreparedStatement row =
          session.prepare(
              "INSERT INTO "
                  + KEYSPACE
                  + ".sequences (digest, vector, model_id, searchable) VALUES (?, ?, 'bench', true)");
      parallel(
          n, threads, i -> session.execute(row.bind(digest(i), ProteinEmbedding.bytesOf(data[i]))));

      Map<String, VectorIndex> indexes = new java.util.LinkedHashMap<>();
      Map<String, Double> insertRate = new HashMap<>();
      LshIndex lshIndex = new LshIndex(session, KEYSPACE, lsh);
      lshIndex.put(digest(0), data[0]); // creates the hash: seed and center
      insertRate.put("lsh", timedInserts(lshIndex, data, threads));
      indexes.put("lsh", lshIndex);
      System.out.printf(Locale.ROOT, "lsh inserts: %.0f vectors/s%n", insertRate.get("lsh"));
      if (!a.containsKey("no-sai")) {
        SaiIndex sai = new SaiIndex(session, KEYSPACE, () -> d);
        try {
          insertRate.put("sai", timedInserts(sai, data, threads));
          indexes.put("sai", sai);
          System.out.printf(Locale.ROOT, "sai inserts: %.0f vectors/s%n", insertRate.get("sai"));
        } catch (java.util.concurrent.ExecutionException e) {
          // a node too small for SAI's index builds times out; the other methods still run
          System.out.printf(Locale.ROOT, "sai inserts failed: %s%n", e.getCause());
        }
      }
      indexes.put("exact", new ExactIndex(session, KEYSPACE));

      System.out.printf(
          Locale.ROOT,
          "%nlsh k=%d L=%d probes=%d; sai = Cassandra SAI; exact = full scan%n",
          lsh.bits(),
          lsh.tables(),
          lsh.probes());
      System.out.printf(
          Locale.ROOT,
          "%-6s %10s %9s %9s %9s %14s%n",
          "method",
          "recall@10",
          "p50 ms",
          "p99 ms",
          "q/s",
          "inserts/s");
      for (var entry : indexes.entrySet()) {
        int count = entry.getKey().equals("exact") ? Math.min(queries, 10) : queries;
        measure(
            entry.getKey(), entry.getValue(), query, truth, count, insertRate.get(entry.getKey()));
      }
      if (insertRate.containsKey("sai")) {
        System.out.printf(
            Locale.ROOT,
            "lsh inserts / sai inserts = %.2f%n",
            insertRate.get("lsh") / insertRate.get("sai"));
      }
    }
  }

  private static void measure(
      String name, VectorIndex index, float[][] query, int[][] truth, int count, Double inserts) {
    for (int w = 0; w < Math.min(5, count); w++) {
      index.nearest(query[w], K, Metric.EUCLIDEAN); // warm-up
    }
    double[] millis = new double[count];
    double recall = 0;
    long start = System.nanoTime();
    for (int q = 0; q < count; q++) {
      long t0 = System.nanoTime();
      List<ScoredDigest> found = index.nearest(query[q], K, Metric.EUCLIDEAN);
      millis[q] = (System.nanoTime() - t0) / 1e6;
      recall += recall(found, truth[q]);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(millis);
    System.out.printf(
        Locale.ROOT,
        "%-6s %10.3f %9.2f %9.2f %9.1f %14s%n",
        name,
        recall / count,
        millis[count / 2],
        millis[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)],
        count / seconds,
        inserts == null ? "-" : String.format(Locale.ROOT, "%.0f", inserts));
  }

  private static double recall(List<ScoredDigest> found, int[] truth) {
    Set<String> expected = new HashSet<>();
    for (int t : truth) {
      expected.add(digest(t));
    }
    int hit = 0;
    for (ScoredDigest s : found) {
      if (expected.contains(s.digest())) {
        hit++;
      }
    }
    return hit / (double) truth.length;
  }

  private static double timedInserts(VectorIndex index, float[][] data, int threads)
      throws Exception {
    long start = System.nanoTime();
    parallel(data.length, threads, i -> index.put(digest(i), data[i]));
    return data.length / ((System.nanoTime() - start) / 1e9);
  }

  /** The sweep: recall@10 and candidates per query for each (k, L, probes), in memory. */
  private static void sweep(float[][] data, float[][] query, int[][] truth) {
    System.out.printf(
        Locale.ROOT, "%nLSH sweep (in memory, same hash): recall@10 and candidates per query%n");
    System.out.printf(
        Locale.ROOT, "%4s %4s %7s %10s %12s%n", "k", "L", "probes", "recall@10", "candidates");
    for (int bits : new int[] {8, 10, 12, 14}) {
      for (int tables : new int[] {8, 16}) {
        HyperplaneLsh lsh = new HyperplaneLsh(42, data[0], bits, tables);
        List<Map<Long, List<Integer>>> buckets = new ArrayList<>();
        for (int t = 0; t < tables; t++) {
          buckets.add(new HashMap<>());
        }
        for (int i = 0; i < data.length; i++) {
          long[] codes = lsh.codes(data[i]);
          for (int t = 0; t < tables; t++) {
            buckets.get(t).computeIfAbsent(codes[t], c -> new ArrayList<>()).add(i);
          }
        }
        for (int probes : new int[] {0, 8, 16}) {
          double recall = 0;
          long candidates = 0;
          for (int q = 0; q < query.length; q++) {
            long[][] probe = lsh.probes(query[q], probes);
            Set<Integer> seen = new HashSet<>();
            for (int t = 0; t < tables; t++) {
              for (long code : probe[t]) {
                seen.addAll(buckets.get(t).getOrDefault(code, List.of()));
              }
            }
            candidates += seen.size();
            // exact re-ranking of the candidates keeps every true neighbour among them
            int hit = 0;
            for (int i : truth[q]) {
              if (seen.contains(i)) {
                hit++;
              }
            }
            recall += hit / (double) K;
          }
          System.out.printf(
              Locale.ROOT,
              "%4d %4d %7d %10.3f %12.0f%n",
              bits,
              tables,
              probes,
              recall / query.length,
              candidates / (double) query.length);
        }
      }
    }
  }

  private static int[] topK(float[][] data, float[] q, Iterable<Integer> ids) {
    List<double[]> scored = new ArrayList<>();
    for (int i : ids) {
      scored.add(new double[] {Metric.EUCLIDEAN.distance(q, data[i]), i});
    }
    scored.sort((x, y) -> Double.compare(x[0], y[0]));
    int[] top = new int[Math.min(K, scored.size())];
    for (int i = 0; i < top.length; i++) {
      top[i] = (int) scored.get(i)[1];
    }
    return top;
  }

  private static int[][] groundTruth(float[][] data, float[][] query) {
    int[][] truth = new int[query.length][];
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      all.add(i);
    }
    for (int q = 0; q < query.length; q++) {
      truth[q] = topK(data, query[q], all);
    }
    return truth;
  }

  /**
   * Families like protein families: sizes from a heavy-tailed distribution (1 to 300), spreads from
   * tight (near-identical sequences) to loose, all around a common mean vector as mean-pooled
   * ProtT5 embeddings are (element spread ~0.15). Variation between and within families lies mostly
   * in a 32-dimensional subspace, as the embeddings' low intrinsic dimension makes it, plus a
   * little isotropic noise. Queries are new members of random families.
   */
  private static void clusteredData(int n, int d, int queries, float[][] data, float[][] query) {
    Random random = new Random(7);
    int latent = 32;
    float[][] basis = new float[latent][];
    for (int r = 0; r < latent; r++) {
      basis[r] = gaussian(random, d, 1.0);
    }
    float[] mean = gaussian(random, d, 0.15);
    List<float[]> centers = new ArrayList<>();
    List<Double> spreads = new ArrayList<>();
    int i = 0;
    while (i < n) {
      float[] center = add(mean, project(basis, random, 0.06));
      double spread = 0.005 + 0.03 * random.nextDouble();
      int size =
          (int) Math.min(n - i, Math.min(300, Math.round(Math.pow(random.nextDouble(), -1.3))));
      centers.add(center);
      spreads.add(spread);
      for (int m = 0; m < size; m++) {
        data[i++] = member(center, basis, random, spread);
      }
    }
    for (int q = 0; q < queries; q++) {
      int c = random.nextInt(centers.size());
      query[q] = member(centers.get(c), basis, random, spreads.get(c));
    }
    System.out.printf(Locale.ROOT, "%d families%n", centers.size());
  }

  private static float[] member(float[] center, float[][] basis, Random random, double spread) {
    return add(add(center, project(basis, random, spread)), gaussian(random, center.length, 0.003));
  }

  /** A random point of the subspace spanned by {@code basis}, per-element spread ~sigma. */
  private static float[] project(float[][] basis, Random random, double sigma) {
    int d = basis[0].length;
    float[] v = new float[d];
    double scale = sigma / Math.sqrt(basis.length);
    for (float[] direction : basis) {
      float z = (float) (random.nextGaussian() * scale);
      for (int j = 0; j < d; j++) {
        v[j] += z * direction[j];
      }
    }
    return v;
  }

  private static float[] gaussian(Random random, int d, double sigma) {
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = (float) (random.nextGaussian() * sigma);
    }
    return v;
  }

  private static float[] add(float[] a, float[] b) {
    float[] v = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      v[i] = a[i] + b[i];
    }
    return v;
  }

  private static String digest(int i) {
    return String.format(Locale.ROOT, "%064x", i);
  }

  private static void parallel(int n, int threads, IntConsumer work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      int chunk = (n + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int from = t * chunk;
        int to = Math.min(n, from + chunk);
        futures.add(
            pool.submit(
                () -> {
                  for (int i = from; i < to; i++) {
                    work.accept(i);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      if (name.startsWith("no-")) {
        options.put(name, "true");
      } else {
        options.put(name, args[++i]);
      }
    }
    return options;
  }
}
