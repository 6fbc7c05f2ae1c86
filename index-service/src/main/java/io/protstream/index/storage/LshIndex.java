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
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * {@link HyperplaneLsh} with its buckets in Cassandra: one partition per (table, bucket code)
 * listing digests, so every replica reads and writes the same index and holds no state of its own.
 * The hash (seed, center, bits, tables) is created once with a lightweight transaction and read by
 * every replica. {@code lsh_entries} records the buckets each digest is in, so a removal or a new
 * vector deletes exactly the old bucket rows: no orphan entries. Candidates from the probed buckets
 * are re-ranked by exact distance on their stored vectors.
 */
@ApplicationScoped
public class LshIndex implements VectorIndex {

  private static final Logger LOG = Logger.getLogger(LshIndex.class);

  private final CqlSession session;
  private final LshParameters settings;
  private final PreparedStatement createHash;
  private final PreparedStatement readHash;
  private final PreparedStatement readEntry;
  private final PreparedStatement writeEntry;
  private final PreparedStatement deleteEntry;
  private final PreparedStatement addToBucket;
  private final PreparedStatement removeFromBucket;
  private final PreparedStatement readBucket;
  private final PreparedStatement readVector;
  private final AtomicReference<HyperplaneLsh> hash = new AtomicReference<>();

  @Inject
  LshIndex(CqlSession session, IndexConfig config) {
    this(session, config.cassandra().keyspace(), LshParameters.of(config.index().lsh()));
  }

  /** An index in {@code keyspace} (whose tables exist) with the given parameters. */
  public LshIndex(CqlSession session, String keyspace, LshParameters settings) {
    this.session = session;
    this.settings = settings;
    String ks = keyspace + ".";
    createHash =
        session.prepare(
            "INSERT INTO "
                + ks
                + "index_settings (name, dimension, seed, center, bits, tables)"
                + " VALUES ('lsh', ?, ?, ?, ?, ?) IF NOT EXISTS");
    readHash = session.prepare("SELECT * FROM " + ks + "index_settings WHERE name = 'lsh'");
    readEntry = session.prepare("SELECT codes FROM " + ks + "lsh_entries WHERE digest = ?");
    writeEntry = session.prepare("INSERT INTO " + ks + "lsh_entries (digest, codes) VALUES (?, ?)");
    deleteEntry = session.prepare("DELETE FROM " + ks + "lsh_entries WHERE digest = ?");
    addToBucket =
        session.prepare("INSERT INTO " + ks + "lsh_buckets (tbl, code, digest) VALUES (?, ?, ?)");
    removeFromBucket =
        session.prepare(
            "DELETE FROM " + ks + "lsh_buckets WHERE tbl = ? AND code = ? AND digest = ?");
    readBucket =
        session.prepare("SELECT digest FROM " + ks + "lsh_buckets WHERE tbl = ? AND code = ?");
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
    List<Long> previous = entry(digest);
    if (codes.equals(previous)) {
      return;
    }
    for (int t = 0; t < codes.size(); t++) {
      if (previous != null && t < previous.size() && !previous.get(t).equals(codes.get(t))) {
        write(removeFromBucket.bind(t, previous.get(t), digest));
      }
      write(addToBucket.bind(t, codes.get(t), digest));
    }
    // recorded last: a crash before this line leaves the previous record, and the next put or
    // remove deletes from the old buckets again (deletes are idempotent)
    write(writeEntry.bind(digest, codes));
  }

  @Override
  public void remove(String digest) {
    List<Long> previous = entry(digest);
    if (previous == null) {
      return;
    }
    for (int t = 0; t < previous.size(); t++) {
      write(removeFromBucket.bind(t, previous.get(t), digest));
    }
    write(deleteEntry.bind(digest));
  }

  @Override
  public List<ScoredDigest> nearest(float[] query, int n, Metric metric) {
    HyperplaneLsh lsh = loadHash();
    if (lsh == null || lsh.dimension() != query.length) {
      return List.of();
    }
    long[][] probes = lsh.probes(query, settings.probes());
    List<BoundStatement> bucketReads = new ArrayList<>();
    for (int t = 0; t < probes.length; t++) {
      for (long code : probes[t]) {
        bucketReads.add(readBucket.bind(t, code));
      }
    }
    Set<String> candidates = new LinkedHashSet<>();
    ParallelReads.run(session, bucketReads, row -> candidates.add(row.getString("digest")));
    Ranking ranking = new Ranking(query, n, metric);
    List<BoundStatement> vectorReads =
        candidates.stream().map(d -> (BoundStatement) readVector.bind(d)).toList();
    ParallelReads.run(
        session,
        vectorReads,
        row -> {
          ByteBuffer vector = row.getByteBuffer("vector");
          if (vector != null) {
            ranking.offer(row.getString("digest"), ProteinEmbedding.vectorFrom(vector));
          }
        });
    return ranking.nearestFirst();
  }

  /** The buckets recorded for a digest, table order, or null. */
  private List<Long> entry(String digest) {
    Row row = session.execute(readEntry.bind(digest)).one();
    return row == null ? null : row.getList("codes", Long.class);
  }

  private HyperplaneLsh hashFor(float[] firstVector) {
    HyperplaneLsh lsh = loadHash();
    if (lsh != null) {
      return lsh;
    }
    long seed = settings.seed().orElseGet(() -> new SecureRandom().nextLong());
    // The hyperplanes' common point lies inside the data's cone (mean-pooled embeddings share a
    // large common direction), halfway between the origin and the first indexed vector. Not the
    // vector itself: a point at the common point gets an arbitrary code and no query finds it.
    float[] center = new float[firstVector.length];
    for (int i = 0; i < center.length; i++) {
      center[i] = 0.5f * firstVector[i];
    }
    session.execute(
        createHash.bind(
            firstVector.length,
            seed,
            ProteinEmbedding.bytesOf(center),
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
    HyperplaneLsh lsh =
        new HyperplaneLsh(
            row.getLong("seed"),
            ProteinEmbedding.vectorFrom(row.getByteBuffer("center")),
            bits,
            tables);
    hash.compareAndSet(null, lsh);
    return hash.get();
  }

  private void write(BoundStatement statement) {
    session.execute(statement.setIdempotent(true));
  }
}
