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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Benchmark command (not a test): recall@10 against exact search, p50/p99 latency and queries/s of
 * {@code lsh}, {@code sai} and {@code exact}, and insert rates of {@code lsh} and {@code sai}, on
 * clustered vectors shaped like mean-pooled ProtT5 embeddings, against a running Cassandra, in a
 * keyspace of its own. Before that, the LSH parameter sweep (k, L, probes) in memory with the same
 * hash: recall@10 against bucket partitions and rows read per query; after it, the sweep over
 * tables and probes against the stored index in Cassandra: recall@10 against measured latency.
 *
 * <pre>
 * CP="index-service/target/quarkus-app/lib/main/*:index-service/target/quarkus-app/lib/boot/*"
 * java -cp "$CP:index-service/target/classes" \
 *     io.protstream.index.storage.IndexBenchmark [--cassandra 127.0.0.1:19042] [--n 100000]
 *     [--dimension 1024] [--queries 200] [--concurrency 32] [--target-recall 0.96]
 *     [--bits k --tables L --probes p --rescored c (default: chosen by the sweep)] [--center-sample 1000] [--sketch-dimensions 64]
 *     [--queries-from data|families]
 *     [--no-sai] [--no-sweep] [--no-cassandra] [--no-load]
 * </pre>
 */
public final class IndexBenchmark {

  private static final String KEYSPACE = "protstream_bench";
  private static final int K = 10;

  /** The settings the sweeps try: bits k, tables L, extra probes, candidates re-ranked. */
  private record SweepGrid(int[] bits, int[] tables, int[] probes, int[] rescored) {

    /** From {@code --sweep-bits} etc. (comma-separated), each with its default list. */
    static SweepGrid from(Map<String, String> options) {
      return new SweepGrid(
          ints(options.get("sweep-bits"), new int[] {12, 14, 16}),
          ints(options.get("sweep-tables"), new int[] {4, 8, 16}),
          ints(options.get("sweep-probes"), new int[] {0, 4, 8, 16}),
          ints(options.get("sweep-rescored"), new int[] {12, 15, 20}));
    }
  }

  private static final int EXACT_QUERIES = 3;
  private static final int INSERT_ATTEMPTS = 12;
  private static final long INSERT_BUDGET_SECONDS = 420;

  private IndexBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = options(args);
    String cassandra = a.getOrDefault("cassandra", "127.0.0.1:19042");
    int n = Integer.parseInt(a.getOrDefault("n", "100000"));
    int d = Integer.parseInt(a.getOrDefault("dimension", "1024"));
    int queries = Integer.parseInt(a.getOrDefault("queries", "500"));
    int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "32"));
    int centerSample = Integer.parseInt(a.getOrDefault("center-sample", "1000"));
    SweepGrid grid = SweepGrid.from(a);
    long begin = System.nanoTime();

    System.out.printf(Locale.ROOT, "data: %d x %d clustered vectors, %d queries%n", n, d, queries);
    float[][] data = new float[n][];
    int warmupQueries = Integer.parseInt(a.getOrDefault("warmup", "200"));
    float[][] drawn = new float[queries + warmupQueries][];
    boolean byFamily = a.getOrDefault("queries-from", "data").equals("families");
    clusteredData(n, d, byFamily, data, drawn);
    // drawn like the measured queries, never measured: the client's and the node's code paths are
    // compiled before the clock runs, as in a serving index-service
    float[][] query = Arrays.copyOf(drawn, queries);
    float[][] warmup = Arrays.copyOfRange(drawn, queries, drawn.length);
    int[][] truth = groundTruth(data, query);
    float[] center = sampleMean(data, centerSample);
    int sketchDimensions = Integer.parseInt(a.getOrDefault("sketch-dimensions", "64"));
    float[][] axes =
        HyperplaneLsh.principalAxes(sample(data, centerSample), center, sketchDimensions, 42);
    elapsed(begin, "data and ground truth");

    // without --bits, the cheapest setting of the sweep that reaches the target recall
    int[] chosen = {
      Integer.parseInt(a.getOrDefault("bits", "14")),
      Integer.parseInt(a.getOrDefault("tables", "16")),
      Integer.parseInt(a.getOrDefault("probes", "8")),
      Integer.parseInt(a.getOrDefault("rescored", "50"))
    };
    if (!a.containsKey("no-sweep")) {
      int[] cheapest =
          sweep(
              grid,
              data,
              center,
              axes,
              query,
              truth,
              Double.parseDouble(a.getOrDefault("target-recall", "0.96")));
      if (!a.containsKey("bits")) {
        chosen = cheapest;
      }
      elapsed(begin, "in-memory sweep");
    }
    LshParameters lsh =
        new LshParameters(
            chosen[0],
            chosen[1],
            chosen[2],
            chosen[3],
            Optional.of(42L),
            Optional.of(center),
            Optional.of(axes));
    if (a.containsKey("no-cassandra")) {
      return;
    }

    try (CqlSession session = CqlSessions.open(List.of(cassandra), "datacenter1")) {
      // --no-load: the keyspace a previous run of the same data and settings loaded (measuring
      // read-side changes without the load); its insert rates are not measured again
      boolean reuse =
          a.containsKey("no-load")
              && session
                      .execute(
                          "SELECT keyspace_name FROM system_schema.keyspaces"
                              + " WHERE keyspace_name = '"
                              + KEYSPACE
                              + "'")
                      .one()
                  != null;
      if (!reuse) {
        // dropping a previous run's SAI table (its index files) takes longer than a request's
        session.execute(
            com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                    "DROP KEYSPACE IF EXISTS " + KEYSPACE)
                .setTimeout(java.time.Duration.ofMinutes(5)));
        CqlSessions.createKeyspace(session, KEYSPACE, 1);
      }
      IndexSchema.create(session, KEYSPACE);
      PreparedStatement row =
          session.prepare(
              "INSERT INTO "
                  + KEYSPACE
                  + ".sequences (digest, vector, model_id, searchable) VALUES (?, ?, 'bench', true)");
      // each method is measured once its own load has settled, lsh's sweep before SAI's load: the
      // SAI index builds keep compacting for minutes and would be measured as lsh's latency
      Map<String, Stats> results = new LinkedHashMap<>();
      Map<String, Double> insertRate = new HashMap<>();
      LshIndex lshIndex = new LshIndex(session, KEYSPACE, lsh);
      if (!reuse) {
        parallel(
            n,
            concurrency,
            i ->
                session.execute(
                    row.bind(digest(i), ProteinEmbedding.bytesOf(data[i])).setIdempotent(true)));
        elapsed(begin, "sequences rows written");
        lshIndex.put(digest(0), data[0]); // creates the hash: seed and center
        insertRate.put("lsh", timedInserts(lshIndex, data, concurrency));
        System.out.printf(Locale.ROOT, "lsh inserts: %.0f vectors/s%n", insertRate.get("lsh"));
        elapsed(begin, "lsh inserts");
      }
      awaitCompactions(session);
      elapsed(begin, "compactions settled");
      results.put("lsh", measure(lshIndex, query, warmup, truth, queries));
      results.put(
          "exact", measure(new ExactIndex(session, KEYSPACE), query, warmup, truth, EXACT_QUERIES));
      elapsed(begin, "lsh and exact queries");
      cassandraSweep(grid, lshIndex, lsh, query, warmup, truth, queries);
      elapsed(begin, "cassandra sweep");
      if (!reuse && !a.containsKey("no-sai")) {
        SaiIndex sai = new SaiIndex(session, KEYSPACE, () -> d);
        double rate = 0;
        try {
          rate = timedInserts(sai, data, concurrency);
          insertRate.put("sai", Math.abs(rate));
          System.out.printf(Locale.ROOT, "sai inserts: %.0f vectors/s%n", insertRate.get("sai"));
        } catch (java.util.concurrent.ExecutionException e) {
          // an insert that kept timing out: the other methods' results still print
          System.out.printf(Locale.ROOT, "sai inserts failed: %s%n", e.getCause());
        }
        elapsed(begin, "sai inserts");
        if (rate > 0) {
          awaitCompactions(session);
          elapsed(begin, "compactions settled");
          results.put("sai", measure(sai, query, warmup, truth, queries));
          elapsed(begin, "sai queries");
        }
      }

      System.out.printf(
          Locale.ROOT,
          "%nn=%d d=%d; lsh k=%d L=%d probes=%d rescored=%d; sai = Cassandra SAI;"
              + " exact = full scan (%d queries)%n",
          n,
          d,
          lsh.bits(),
          lsh.tables(),
          lsh.probes(),
          lsh.rescored(),
          EXACT_QUERIES);
      System.out.printf(
          Locale.ROOT,
          "%-6s %10s %9s %9s %9s %12s%n",
          "method",
          "recall@10",
          "p50 ms",
          "p99 ms",
          "q/s",
          "inserts/s");
      for (var result : results.entrySet()) {
        Double inserts = insertRate.get(result.getKey());
        System.out.printf(
            Locale.ROOT,
            "%-6s %s %12s%n",
            result.getKey(),
            result.getValue(),
            inserts == null ? "-" : String.format(Locale.ROOT, "%.0f", inserts));
      }
      if (insertRate.containsKey("lsh") && insertRate.containsKey("sai")) {
        System.out.printf(
            Locale.ROOT,
            "lsh inserts / sai inserts = %.2f%n",
            insertRate.get("lsh") / insertRate.get("sai"));
      }
    }
  }

  /** Measures an index's Euclidean search. */
  private static Stats measure(
      VectorIndex index, float[][] query, float[][] warmup, int[][] truth, int count) {
    return measure(q -> index.nearest(q, K, Metric.EUCLIDEAN), query, warmup, truth, count);
  }

  /**
   * Waits (at most 3 minutes) until the node runs no compaction of the benchmark's tables, so every
   * method is measured on settled tables, as a serving node mostly is, not in the middle of the
   * load's compactions.
   */
  private static void awaitCompactions(CqlSession session) throws InterruptedException {
    long deadline = System.nanoTime() + 180_000_000_000L;
    int quiet = 0;
    while (System.nanoTime() < deadline) {
      long busy =
          session
              .execute("SELECT name, active_tasks, pending_tasks FROM system_views.thread_pools")
              .all()
              .stream()
              .filter(
                  r ->
                      r.getString(0).equals("CompactionExecutor")
                          || r.getString(0).equals("MemtableFlushWriter"))
              .mapToLong(
                  r ->
                      ((Number) r.getObject(1)).longValue() + ((Number) r.getObject(2)).longValue())
              .sum();
      // a compaction often follows a flush after a moment: settled is quiet for 5 s in a row
      quiet = busy == 0 ? quiet + 1 : 0;
      if (quiet == 5) {
        return;
      }
      Thread.sleep(1000);
    }
    System.out.println("compactions still running after 3 minutes; measuring anyway");
  }

  /** recall@10, p50, p99 and queries/s of a search over the first {@code count} queries. */
  private record Stats(double recall, double p50, double p99, double perSecond) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%10.3f %9.2f %9.2f %9.1f", recall, p50, p99, perSecond);
    }
  }

  private static Stats measure(
      java.util.function.Function<float[], List<ScoredDigest>> search,
      float[][] query,
      float[][] warmup,
      int[][] truth,
      int count) {
    for (int w = 0; w < Math.min(warmup.length, Math.max(count, 1)); w++) {
      search.apply(warmup[w]);
    }
    double[] millis = new double[count];
    double recall = 0;
    long start = System.nanoTime();
    for (int q = 0; q < count; q++) {
      long t0 = System.nanoTime();
      List<ScoredDigest> found = search.apply(query[q]);
      millis[q] = (System.nanoTime() - t0) / 1e6;
      recall += recall(found, truth[q]);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(millis);
    return new Stats(
        recall / count,
        millis[count / 2],
        millis[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)],
        count / seconds);
  }

  /** Recall against latency over the stored index: fewer tables and other probe counts. */
  private static void cassandraSweep(
      SweepGrid grid,
      LshIndex index,
      LshParameters lsh,
      float[][] query,
      float[][] warmup,
      int[][] truth,
      int count) {
    System.out.printf(
        Locale.ROOT,
        "%nLSH sweep in Cassandra (k=%d stored with L=%d; first L tables probed, %d queries)%n",
        lsh.bits(),
        lsh.tables(),
        count);
    System.out.printf(
        Locale.ROOT,
        "%4s %4s %7s %9s %10s %9s %9s %9s%n",
        "k",
        "L",
        "probes",
        "rescored",
        "recall@10",
        "p50 ms",
        "p99 ms",
        "q/s");
    for (int tables = Math.max(1, lsh.tables() / 2); tables <= lsh.tables(); tables *= 2) {
      for (int probes : grid.probes()) {
        for (int rescored : grid.rescored()) {
          int t = tables;
          Stats stats =
              measure(
                  q -> index.nearest(q, K, Metric.EUCLIDEAN, t, probes, rescored),
                  query,
                  warmup,
                  truth,
                  count);
          System.out.printf(
              Locale.ROOT, "%4d %4d %7d %9d %s%n", lsh.bits(), tables, probes, rescored, stats);
        }
      }
    }
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

  /**
   * Inserts every vector with {@code concurrency} callers at a time; a failed insert (a write
   * timeout of an overloaded node: SAI's graph inserts on two cores) is retried after a pause that
   * grows with the attempts, all writes being idempotent.
   */
  private static double timedInserts(VectorIndex index, float[][] data, int concurrency)
      throws Exception {
    AtomicInteger retries = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    long deadline = start + INSERT_BUDGET_SECONDS * 1_000_000_000L;
    parallel(
        data.length,
        concurrency,
        i -> {
          if (System.nanoTime() > deadline) {
            return;
          }
          done.incrementAndGet();
          for (int attempt = 1; ; attempt++) {
            try {
              index.put(digest(i), data[i]);
              return;
            } catch (RuntimeException e) {
              if (attempt == INSERT_ATTEMPTS) {
                throw e;
              }
              retries.incrementAndGet();
              try {
                Thread.sleep(250L * attempt);
              } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
              }
            }
          }
        });
    double rate = done.get() / ((System.nanoTime() - start) / 1e9);
    if (done.get() < data.length) {
      System.out.printf(
          Locale.ROOT,
          "%s inserted %d of %d vectors in the %d s budget: %.0f vectors/s%n",
          index.method(),
          done.get(),
          data.length,
          INSERT_BUDGET_SECONDS,
          rate);
      return -rate; // incomplete: a rate, but no index to query
    }
    if (retries.get() > 0) {
      System.out.printf(Locale.ROOT, "%s: %d inserts retried%n", index.method(), retries.get());
    }
    return rate;
  }

  /**
   * The sweep: for each (k, L, probes), the bucket partitions and bucket rows a query reads, the
   * distinct candidates, the fraction of the true 10 nearest among them ("in cands", the recall an
   * exact re-ranking of every candidate would reach) and recall@10 when only the c candidates
   * nearest by sketch estimate are re-ranked exactly, as the index does. The data's sign bits are
   * computed once for the largest k x L: the hash with (k, L) uses the first k x L hyperplanes of
   * the same seed, table t bit b being hyperplane t x k + b.
   */
  private static int[] sweep(
      SweepGrid grid,
      float[][] data,
      float[] center,
      float[][] axes,
      float[][] query,
      int[][] truth,
      double targetRecall) {
    int[] cheapest = null;
    double cheapestCost = Double.MAX_VALUE;
    int[] best = null;
    double bestRecall = -1;
    int maxBits = Arrays.stream(grid.bits()).max().orElseThrow();
    int maxTables = Arrays.stream(grid.tables()).max().orElseThrow();
    HyperplaneLsh signs = new HyperplaneLsh(42, center, axes, 1, maxBits * maxTables);
    long[][] words = new long[data.length][];
    HyperplaneLsh.Sketch[] sketches = new HyperplaneLsh.Sketch[data.length];
    IntStream.range(0, data.length)
        .parallel()
        .forEach(
            i -> {
              sketches[i] = signs.sketch(data[i]);
              long[] bit = signs.codes(data[i]);
              long[] packed = new long[(bit.length + 63) / 64];
              for (int p = 0; p < bit.length; p++) {
                packed[p >>> 6] |= bit[p] << (p & 63);
              }
              words[i] = packed;
            });
    System.out.printf(
        Locale.ROOT,
        "%nLSH sweep (in memory, same hash; center and sketch axes from a sample; %d queries)%n",
        query.length);
    System.out.printf(
        Locale.ROOT,
        "%4s %4s %7s %11s %10s %11s %10s %s%n",
        "k",
        "L",
        "probes",
        "partitions",
        "rows read",
        "candidates",
        "in cands",
        rescoredHeader(grid));
    for (int bits : grid.bits()) {
      for (int tables : grid.tables()) {
        HyperplaneLsh lsh = new HyperplaneLsh(42, center, axes, bits, tables);
        List<Map<Long, List<Integer>>> buckets = new ArrayList<>();
        for (int t = 0; t < tables; t++) {
          buckets.add(new HashMap<>());
        }
        for (int i = 0; i < data.length; i++) {
          for (int t = 0; t < tables; t++) {
            long code = bitsAt(words[i], t * bits, bits);
            buckets.get(t).computeIfAbsent(code, c -> new ArrayList<>()).add(i);
          }
        }
        for (int probes : grid.probes()) {
          double recall = 0;
          double[] rescoredRecall = new double[grid.rescored().length];
          long rows = 0;
          long partitions = 0;
          long candidates = 0;
          for (int q = 0; q < query.length; q++) {
            long[][] probe = lsh.probes(query[q], probes);
            HyperplaneLsh.Sketch target = lsh.sketch(query[q]);
            Set<Integer> seen = new HashSet<>();
            for (int t = 0; t < tables; t++) {
              Set<Long> highs = new HashSet<>();
              for (long code : probe[t]) {
                List<Integer> bucket = buckets.get(t).getOrDefault(code, List.of());
                rows += bucket.size();
                seen.addAll(bucket);
                highs.add(LshIndex.high(code));
              }
              partitions += highs.size(); // one read per partition, as LshIndex reads them
            }
            candidates += seen.size();
            int hit = 0;
            for (int i : truth[q]) {
              if (seen.contains(i)) {
                hit++;
              }
            }
            recall += hit / (double) K;
            // ranked by the sketches' estimate, the best c read exactly
            List<double[]> estimated = new ArrayList<>();
            for (int i : seen) {
              estimated.add(
                  new double[] {lsh.estimatedDistance(target, sketches[i], Metric.EUCLIDEAN), i});
            }
            estimated.sort((x, y) -> Double.compare(x[0], y[0]));
            for (int r = 0; r < grid.rescored().length; r++) {
              Set<Integer> read = new HashSet<>();
              for (int e = 0; e < Math.min(grid.rescored()[r], estimated.size()); e++) {
                read.add((int) estimated.get(e)[1]);
              }
              int found = 0;
              for (int i : truth[q]) {
                if (read.contains(i)) {
                  found++;
                }
              }
              rescoredRecall[r] += found / (double) K;
            }
          }
          StringBuilder rescored = new StringBuilder();
          for (int r = 0; r < grid.rescored().length; r++) {
            double recallAtC = rescoredRecall[r] / query.length;
            rescored.append(String.format(Locale.ROOT, " %9.3f", recallAtC));
            // cost in bucket entries: a read (partition or exact vector) ~ 100 entries
            double cost = (rows + 100.0 * partitions) / query.length + 100.0 * grid.rescored()[r];
            int[] setting = {bits, tables, probes, grid.rescored()[r]};
            if (recallAtC >= targetRecall && cost < cheapestCost) {
              cheapestCost = cost;
              cheapest = setting;
            }
            if (recallAtC > bestRecall) {
              bestRecall = recallAtC;
              best = setting;
            }
          }
          System.out.printf(
              Locale.ROOT,
              "%4d %4d %7d %11.0f %10.0f %11.0f %10.3f%s%n",
              bits,
              tables,
              probes,
              partitions / (double) query.length,
              rows / (double) query.length,
              candidates / (double) query.length,
              recall / query.length,
              rescored);
        }
      }
    }
    int[] chosen = cheapest != null ? cheapest : best;
    System.out.printf(
        Locale.ROOT,
        "chosen (%s recall@10 >= %.2f at least cost): k=%d L=%d probes=%d rescored=%d%n",
        cheapest != null ? "cheapest with" : "none reaches; best",
        targetRecall,
        chosen[0],
        chosen[1],
        chosen[2],
        chosen[3]);
    return chosen;
  }

  /** A comma-separated list of integers, or {@code otherwise} when absent. */
  private static int[] ints(String list, int[] otherwise) {
    if (list == null) {
      return otherwise;
    }
    return Arrays.stream(list.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
  }

  private static String rescoredHeader(SweepGrid grid) {
    StringBuilder header = new StringBuilder();
    for (int c : grid.rescored()) {
      header.append(String.format(Locale.ROOT, " %9s", "c=" + c));
    }
    return header.toString();
  }

  /** {@code count} bits of {@code words} from bit {@code from}, as a number. */
  private static long bitsAt(long[] words, int from, int count) {
    long code = 0;
    for (int b = 0; b < count; b++) {
      int p = from + b;
      code |= ((words[p >>> 6] >>> (p & 63)) & 1L) << b;
    }
    return code;
  }

  /** Up to {@code size} vectors spread evenly over the data. */
  private static float[][] sample(float[][] data, int size) {
    int step = Math.max(1, data.length / Math.max(1, size));
    List<float[]> sample = new ArrayList<>();
    for (int i = 0; i < data.length; i += step) {
      sample.add(data[i]);
    }
    return sample.toArray(new float[0][]);
  }

  /** The mean of {@link #sample}. */
  private static float[] sampleMean(float[][] data, int size) {
    return HyperplaneLsh.mean(sample(data, size));
  }

  private static void elapsed(long begin, String what) {
    System.out.printf(Locale.ROOT, "[%.0f s] %s%n", (System.nanoTime() - begin) / 1e9, what);
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
    IntStream.range(0, query.length).parallel().forEach(q -> truth[q] = topK(data, query[q], all));
    return truth;
  }

  /**
   * Families like protein families: sizes from a heavy-tailed distribution (1 to 300), spreads from
   * tight (near-identical sequences) to loose, all around a common mean vector as mean-pooled
   * ProtT5 embeddings are (element spread ~0.15). Variation between and within families lies mostly
   * in a 32-dimensional subspace, as the embeddings' low intrinsic dimension makes it, plus a
   * little isotropic noise. Queries are new members drawn like the data: the family of a random
   * data point (so a family's share of queries is its share of proteins); with {@code byFamily}, of
   * a random family (most families are tiny, so most such queries have no close relative).
   */
  private static void clusteredData(
      int n, int d, boolean byFamily, float[][] data, float[][] query) {
    Random random = new Random(7);
    int latent = 32;
    float[][] basis = new float[latent][];
    for (int r = 0; r < latent; r++) {
      basis[r] = gaussian(random, d, 1.0);
    }
    float[] mean = gaussian(random, d, 0.15);
    List<float[]> centers = new ArrayList<>();
    List<Double> spreads = new ArrayList<>();
    int[] familyOf = new int[n];
    int i = 0;
    while (i < n) {
      float[] center = add(mean, project(basis, random, 0.06));
      double spread = 0.005 + 0.03 * random.nextDouble();
      int size =
          (int) Math.min(n - i, Math.min(300, Math.round(Math.pow(random.nextDouble(), -1.3))));
      centers.add(center);
      spreads.add(spread);
      for (int m = 0; m < size; m++) {
        familyOf[i] = centers.size() - 1;
        data[i++] = member(center, basis, random, spread);
      }
    }
    for (int q = 0; q < query.length; q++) {
      int c = byFamily ? random.nextInt(centers.size()) : familyOf[random.nextInt(n)];
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

  static float[] gaussian(Random random, int d, double sigma) {
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

  /** A sequence digest per index (64 hex digits). */
  static String digest(int i) {
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

  /** {@code --name value} pairs, and {@code --no-x} flags as {@code no-x = true}. */
  static Map<String, String> options(String[] args) {
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
