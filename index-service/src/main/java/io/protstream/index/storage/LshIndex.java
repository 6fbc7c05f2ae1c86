package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.HyperplaneLsh;
import io.protstream.index.domain.IndexMethod;
import io.protstream.index.domain.Metric;
import io.protstream.index.domain.ProteinEmbedding;
import io.protstream.index.domain.ScoredDigest;
import io.protstream.index.domain.VectorIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * {@link HyperplaneLsh} with its buckets in Cassandra: one partition per (table, bucket code), one
 * row holding a map from digest to the digest's {@link HyperplaneLsh.Sketch} (m + 12 bytes), so
 * every replica reads and writes the same index and holds no state of its own, and a query ranks
 * its candidates by estimated distance from the bucket reads alone. Only the best few candidates'
 * exact vectors are then read from {@code sequences} and ranked by exact distance. The hash (seed,
 * center, bits, tables) is created once with a lightweight transaction and read by every replica.
 * {@code lsh_entries} records the buckets each digest is in and a fingerprint of its vector, so a
 * removal or a new vector deletes exactly the old bucket rows (no orphan entries) and an unchanged
 * digest writes nothing.
 */
@ApplicationScoped
public class LshIndex implements VectorIndex {

  private static final Logger LOG = Logger.getLogger(LshIndex.class);

  /**
   * Which digests an instance holds. Both scopes share one hash (the same hyperplanes and sketch
   * axes), so a vector has the same codes in both; they differ in the rows they write.
   */
  public enum Scope {
    /** Every searchable digest: the {@code lsh} search method. */
    SEARCHABLE(0, "lsh_entries"),
    /**
     * Only digests with a reviewed entry carrying curated annotations: the sources annotation
     * transfer looks up, so a new digest finds its nearest annotated neighbours even where they are
     * a small minority of the nearest digests (Swiss-Prot among UniProtKB: 1 in 400).
     */
    ANNOTATION_SOURCES(1000, "lsh_source_entries");

    /** Added to the table number in the bucket rows' {@code tbl}: the scopes' rows never meet. */
    final int tableBase;

    final String entriesTable;

    Scope(int tableBase, String entriesTable) {
      this.tableBase = tableBase;
      this.entriesTable = entriesTable;
    }
  }

  private final CqlSession session;
  private final LshParameters settings;
  private final Scope scope;
  private final PreparedStatement createHash;
  private final PreparedStatement readHash;
  private final PreparedStatement readEntry;
  private final PreparedStatement writeEntry;
  private final PreparedStatement deleteEntry;
  private final PreparedStatement addToBucket;
  private final PreparedStatement removeFromBucket;
  private final PreparedStatement readBuckets;
  private final PreparedStatement readVector;
  private final AtomicReference<HyperplaneLsh> hash = new AtomicReference<>();

  /** The recorded buckets, table order, and the vector's fingerprint (null in older records). */
  private record Entry(List<Long> codes, Long fingerprint) {}

  @Inject
  LshIndex(CqlSession session, IndexConfig config) {
    this(
        session,
        config.cassandra().keyspace(),
        LshParameters.of(config.index().lsh()),
        Scope.SEARCHABLE);
  }

  /** An index of every searchable digest in {@code keyspace} (whose tables exist). */
  public LshIndex(CqlSession session, String keyspace, LshParameters settings) {
    this(session, keyspace, settings, Scope.SEARCHABLE);
  }

  /** An index of the digests of {@code scope} in {@code keyspace} (whose tables exist). */
  public LshIndex(CqlSession session, String keyspace, LshParameters settings, Scope scope) {
    this.session = session;
    this.settings = settings;
    this.scope = scope;
    String ks = keyspace + ".";
    createHash =
        session.prepare(
            "INSERT INTO "
                + ks
                + "index_settings (name, dimension, seed, center, projection, bits, tables)"
                + " VALUES ('lsh', ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    readHash = session.prepare("SELECT * FROM " + ks + "index_settings WHERE name = 'lsh'");
    readEntry =
        session.prepare(
            "SELECT codes, fingerprint FROM " + ks + scope.entriesTable + " WHERE digest = ?");
    writeEntry =
        session.prepare(
            "INSERT INTO "
                + ks
                + scope.entriesTable
                + " (digest, codes, fingerprint) VALUES (?, ?, ?)");
    deleteEntry = session.prepare("DELETE FROM " + ks + scope.entriesTable + " WHERE digest = ?");
    // one map cell per digest: adding and removing one are independent idempotent cell writes
    addToBucket =
        session.prepare(
            "UPDATE "
                + ks
                + "lsh_bucket_sketches SET sketches[?] = ? WHERE tbl = ? AND high = ? AND low = ?");
    removeFromBucket =
        session.prepare(
            "DELETE sketches[?] FROM "
                + ks
                + "lsh_bucket_sketches WHERE tbl = ? AND high = ? AND low = ?");
    readBuckets =
        session.prepare(
            "SELECT sketches FROM "
                + ks
                + "lsh_bucket_sketches WHERE tbl = ? AND high = ? AND low IN ?");
    readVector = session.prepare("SELECT digest, vector FROM " + ks + "sequences WHERE digest = ?");
  }

  @Override
  public IndexMethod method() {
    return IndexMethod.LSH;
  }

  @Override
  public void put(String digest, float[] vector) {
    HyperplaneLsh lsh = hashFor(vector);
    List<Long> codes = new ArrayList<>();
    for (long code : lsh.codes(vector)) {
      codes.add(code);
    }
    long fingerprint = fingerprint(vector);
    Entry previous = entry(digest);
    if (previous != null
        && previous.codes().equals(codes)
        && Long.valueOf(fingerprint).equals(previous.fingerprint())) {
      return;
    }
    HyperplaneLsh.Sketch sketch = lsh.sketch(vector);
    ByteBuffer sketchBytes = bytesOf(sketch);
    // one single-partition write per bucket, all in flight at once
    List<BoundStatement> writes = new ArrayList<>();
    for (int t = 0; t < codes.size(); t++) {
      if (previous != null
          && t < previous.codes().size()
          && !previous.codes().get(t).equals(codes.get(t))) {
        writes.add(bucketStatement(removeFromBucket.bind(digest), t, previous.codes().get(t)));
      }
      writes.add(bucketStatement(addToBucket.bind(digest, sketchBytes), t, codes.get(t)));
    }
    writeAll(writes);
    // recorded last: a crash before this line leaves the previous record, and the next put or
    // remove deletes from the old buckets again (deletes are idempotent)
    writeAll(List.of(writeEntry.bind(digest, codes, fingerprint)));
  }

  @Override
  public void remove(String digest) {
    Entry previous = entry(digest);
    if (previous == null) {
      return;
    }
    List<BoundStatement> deletes = new ArrayList<>();
    for (int t = 0; t < previous.codes().size(); t++) {
      deletes.add(bucketStatement(removeFromBucket.bind(digest), t, previous.codes().get(t)));
    }
    writeAll(deletes);
    writeAll(List.of(deleteEntry.bind(digest)));
  }

  @Override
  public List<ScoredDigest> nearest(float[] query, int n, Metric metric) {
    return nearest(query, n, metric, settings.tables(), settings.probes(), settings.rescored());
  }

  /**
   * As {@link #nearest(float[], int, Metric)}, probing only the first {@code tables} tables with
   * {@code probes} extra buckets each and re-ranking {@code rescored} candidates exactly (the
   * benchmark's sweep over one stored index).
   */
  List<ScoredDigest> nearest(
      float[] query, int n, Metric metric, int tables, int probes, int rescored) {
    HyperplaneLsh lsh = loadHash();
    if (lsh == null || lsh.dimension() != query.length || n <= 0) {
      return List.of();
    }
    long[][] buckets = lsh.probes(query, probes);
    // the probed buckets of a table that share a partition are read in one request
    List<BoundStatement> bucketReads = new ArrayList<>();
    for (int t = 0; t < Math.min(tables, buckets.length); t++) {
      Map<Long, List<Integer>> lowsByHigh = new LinkedHashMap<>();
      for (long code : buckets[t]) {
        lowsByHigh.computeIfAbsent(high(code), h -> new ArrayList<>()).add(low(code));
      }
      for (var partition : lowsByHigh.entrySet()) {
        bucketReads.add(
            readBuckets.bind(scope.tableBase + t, partition.getKey(), partition.getValue()));
      }
    }
    HyperplaneLsh.Sketch target = lsh.sketch(query);
    int width = target.coordinates().length;
    CandidateShortlist shortlist = new CandidateShortlist(Math.max(n, rescored));
    byte[] coordinates = new byte[width];
    ParallelReads.run(
        session,
        bucketReads,
        row ->
            BucketCells.forEach(
                row.getBytesUnsafe(0),
                (digest, cell) ->
                    shortlist.offer(digest, estimate(lsh, target, cell, coordinates, metric))));
    Ranking exact = new Ranking(query, n, metric);
    List<BoundStatement> vectorReads =
        shortlist.digests().stream().map(d -> (BoundStatement) readVector.bind(d)).toList();
    ParallelReads.run(
        session,
        vectorReads,
        row -> {
          ByteBuffer vector = row.getByteBuffer(1);
          if (vector != null) {
            exact.offer(row.getString(0), ProteinEmbedding.vectorFrom(vector));
          }
        });
    return exact.nearestFirst();
  }

  /**
   * A bucket's partition: its table and its code's high bits. The low {@link #LOW_BITS} bits are
   * the row, so the multi-probe buckets that differ from the home bucket only there (most of them:
   * the probes flip the bits of smallest margin, wherever they are) are rows of one partition and
   * one read.
   */
  public static final int LOW_BITS = 8;

  static long high(long code) {
    return code >>> LOW_BITS;
  }

  static int low(long code) {
    return (int) (code & ((1L << LOW_BITS) - 1));
  }

  /** {@code statement} with its table, high and low bits bound after the values bound so far. */
  private BoundStatement bucketStatement(BoundStatement statement, int table, long code) {
    int first = statement.getPreparedStatement().getVariableDefinitions().size() - 3;
    return statement
        .setInt(first, scope.tableBase + table)
        .setLong(first + 1, high(code))
        .setInt(first + 2, low(code));
  }

  /** Where a sketch cell holds its parts (little-endian): scale, rest, along, coordinates. */
  private static final int SCALE_AT = 0;

  private static final int REST_AT = 4;
  private static final int ALONG_AT = 8;
  private static final int COORDINATES_AT = 12;

  /** A sketch as one cell (one cell per row reads faster). */
  static ByteBuffer bytesOf(HyperplaneLsh.Sketch sketch) {
    ByteBuffer bytes =
        ByteBuffer.allocate(COORDINATES_AT + sketch.coordinates().length)
            .order(ByteOrder.LITTLE_ENDIAN);
    bytes.putFloat(SCALE_AT, sketch.scale());
    bytes.putFloat(REST_AT, sketch.rest());
    bytes.putFloat(ALONG_AT, sketch.along());
    bytes.put(COORDINATES_AT, sketch.coordinates());
    return bytes;
  }

  /**
   * The estimated distance from {@code target} to the sketch in a bucket cell (its coordinates read
   * into {@code scratch}), or NaN when the cell holds no sketch of the target's width.
   */
  private static double estimate(
      HyperplaneLsh lsh,
      HyperplaneLsh.Sketch target,
      ByteBuffer cell,
      byte[] scratch,
      Metric metric) {
    if (cell == null || cell.remaining() != COORDINATES_AT + scratch.length) {
      return Double.NaN;
    }
    ByteBuffer bytes = cell.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int at = bytes.position();
    bytes.get(at + COORDINATES_AT, scratch);
    return lsh.estimatedDistance(
        target,
        scratch,
        bytes.getFloat(at + SCALE_AT),
        bytes.getFloat(at + REST_AT),
        bytes.getFloat(at + ALONG_AT),
        metric);
  }

  /** Rows of equal width as one little-endian float32 blob, row after row. */
  static ByteBuffer bytesOf(float[][] rows) {
    int width = rows.length == 0 ? 0 : rows[0].length;
    ByteBuffer bytes = ByteBuffer.allocate(4 * rows.length * width).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : rows) {
      for (float v : row) {
        bytes.putFloat(v);
      }
    }
    return bytes.flip();
  }

  private static float[][] rowsFrom(ByteBuffer stored, int width) {
    float[] flat = ProteinEmbedding.vectorFrom(stored);
    float[][] rows = new float[flat.length / width][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
    }
    return rows;
  }

  /** The buckets and fingerprint recorded for a digest, or null. */
  private Entry entry(String digest) {
    Row row = session.execute(readEntry.bind(digest)).one();
    if (row == null) {
      return null;
    }
    return new Entry(row.getList(0, Long.class), row.isNull(1) ? null : row.getLong(1));
  }

  private HyperplaneLsh hashFor(float[] firstVector) {
    HyperplaneLsh lsh = loadHash();
    if (lsh != null) {
      return lsh;
    }
    long seed = settings.seed().orElseGet(() -> new SecureRandom().nextLong());
    // Without a declared center the hyperplanes' common point is put inside the data's cone
    // (mean-pooled embeddings share a large common direction), halfway between the origin and the
    // first indexed vector. Not the vector itself: a point at the common point gets an arbitrary
    // code and no query finds it.
    settings
        .center()
        .filter(c -> c.length != firstVector.length)
        .ifPresent(
            c ->
                LOG.warnf(
                    "the configured LSH center has %d values, the embeddings %d: not used",
                    c.length, firstVector.length));
    float[] center =
        settings
            .center()
            .filter(c -> c.length == firstVector.length)
            .orElseGet(
                () -> {
                  float[] halfway = new float[firstVector.length];
                  for (int i = 0; i < halfway.length; i++) {
                    halfway[i] = 0.5f * firstVector[i];
                  }
                  return halfway;
                });
    // the sketches' projection: declared (the principal axes of a sample) or random from the seed
    float[][] projection =
        settings
            .projection()
            .filter(p -> p.length > 0 && p[0].length == firstVector.length)
            .orElseGet(() -> new HyperplaneLsh(seed, center, 1, 1).projection());
    session.execute(
        createHash.bind(
            firstVector.length,
            seed,
            ProteinEmbedding.bytesOf(center),
            bytesOf(projection),
            settings.bits(),
            settings.tables()));
    lsh = loadHash();
    if (lsh == null) {
      throw new IllegalStateException("LSH parameters were not recorded");
    }
    return lsh;
  }

  private HyperplaneLsh loadHash() {
    HyperplaneLsh known = hash.get();
    if (known != null) {
      return known;
    }
    Row row = session.execute(readHash.bind()).one();
    if (row == null || row.isNull("seed")) {
      return null;
    }
    int bits = row.getInt("bits");
    int tables = row.getInt("tables");
    if (bits != settings.bits() || tables != settings.tables()) {
      LOG.warnf(
          "the stored LSH index has %d bits x %d tables, configuration asks for %d x %d;"
              + " the stored ones are used (rebuild the index to change them)",
          bits, tables, settings.bits(), settings.tables());
    }
    float[] center = ProteinEmbedding.vectorFrom(row.getByteBuffer("center"));
    ByteBuffer projection = row.getByteBuffer("projection");
    HyperplaneLsh lsh =
        projection == null
            ? new HyperplaneLsh(row.getLong("seed"), center, bits, tables)
            : new HyperplaneLsh(
                row.getLong("seed"), center, rowsFrom(projection, center.length), bits, tables);
    hash.compareAndSet(null, lsh);
    return hash.get();
  }

  /** Runs single-partition writes concurrently and returns when all are done. */
  private void writeAll(List<BoundStatement> statements) {
    CompletableFuture<?>[] pending = new CompletableFuture<?>[statements.size()];
    for (int i = 0; i < pending.length; i++) {
      pending[i] =
          session.executeAsync(statements.get(i).setIdempotent(true)).toCompletableFuture();
    }
    CompletableFuture.allOf(pending).join();
  }

  /** A 64-bit hash of the vector's bits: equal vectors, equal fingerprints. */
  static long fingerprint(float[] vector) {
    long h = 0x9E3779B97F4A7C15L ^ vector.length;
    for (float v : vector) {
      h = (h ^ Float.floatToIntBits(v)) * 0x100000001B3L;
      h ^= h >>> 29;
    }
    return h;
  }
}
