package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlVector;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.IndexMethod;
import io.protstream.index.domain.Metric;
import io.protstream.index.domain.ProteinStore;
import io.protstream.index.domain.ScoredDigest;
import io.protstream.index.domain.VectorIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Cassandra 5's storage-attached vector index. The table has a {@code vector<float, d>} column, d
 * the width the index recorded from the first embedding, and a second column with the unit vector:
 * an SAI index has one similarity function, and Euclidean order on unit vectors is cosine order.
 * Both are indexed with the Euclidean function; results are re-scored exactly.
 */
@ApplicationScoped
public class SaiIndex implements VectorIndex {

  private final CqlSession session;
  private final IntSupplier dimension;
  private final String keyspace;
  private volatile Statements statements;

  private record Statements(
      int dimension,
      PreparedStatement upsert,
      PreparedStatement delete,
      PreparedStatement byVector,
      PreparedStatement byUnit) {}

  @Inject
  SaiIndex(CqlSession session, ProteinStore store, IndexConfig config) {
    this(session, config.cassandra().keyspace(), () -> store.dimension().orElse(0));
  }

  /**
   * An index in {@code keyspace}; {@code dimension} gives the recorded embedding width (0 while
   * none is recorded).
   */
  public SaiIndex(CqlSession session, String keyspace, IntSupplier dimension) {
    this.session = session;
    this.keyspace = keyspace;
    this.dimension = dimension;
  }

  @Override
  public IndexMethod method() {
    return IndexMethod.SAI;
  }

  @Override
  public void put(String digest, float[] vector) {
    Statements s = statements(vector.length);
    session.execute(s.upsert().bind(digest, cql(vector), cql(unit(vector))).setIdempotent(true));
  }

  @Override
  public void remove(String digest) {
    Statements s = statements(dimension.getAsInt());
    if (s != null) {
      session.execute(s.delete().bind(digest).setIdempotent(true));
    }
  }

  @Override
  public List<ScoredDigest> nearest(float[] query, int n, Metric metric) {
    Statements s = statements(dimension.getAsInt());
    if (s == null || s.dimension() != query.length) {
      return List.of();
    }
    var statement =
        metric == Metric.COSINE
            ? s.byUnit().bind(cql(unit(query)), n)
            : s.byVector().bind(cql(query), n);
    Ranking ranking = new Ranking(query, n, metric);
    for (Row row : session.execute(statement)) {
      CqlVector<Float> vector = row.getVector("vector", Float.class);
      float[] values = new float[vector.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = vector.get(i);
      }
      ranking.offer(row.getString("digest"), values);
    }
    return ranking.nearestFirst();
  }

  /** Statements for width d, creating its table and indexes on first use; null for d = 0. */
  private Statements statements(int dimension) {
    Statements known = statements;
    if (known != null && known.dimension() == dimension) {
      return known;
    }
    if (dimension <= 0) {
      return null;
    }
    synchronized (this) {
      String table = keyspace + ".sai_vectors_d" + dimension;
      session.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (digest text PRIMARY KEY, vector vector<float, "
              + dimension
              + ">, unit vector<float, "
              + dimension
              + ">)");
      for (String column : List.of("vector", "unit")) {
        session.execute(
            "CREATE CUSTOM INDEX IF NOT EXISTS sai_vectors_d"
                + dimension
                + "_"
                + column
                + " ON "
                + table
                + " ("
                + column
                + ") USING 'StorageAttachedIndex'"
                + " WITH OPTIONS = {'similarity_function': 'euclidean'}");
      }
      statements =
          new Statements(
              dimension,
              session.prepare("INSERT INTO " + table + " (digest, vector, unit) VALUES (?, ?, ?)"),
              session.prepare("DELETE FROM " + table + " WHERE digest = ?"),
              session.prepare(
                  "SELECT digest, vector FROM " + table + " ORDER BY vector ANN OF ? LIMIT ?"),
              session.prepare(
                  "SELECT digest, vector FROM " + table + " ORDER BY unit ANN OF ? LIMIT ?"));
      return statements;
    }
  }

  private static CqlVector<Float> cql(float[] vector) {
    List<Float> values = new ArrayList<>(vector.length);
    for (float v : vector) {
      values.add(v);
    }
    return CqlVector.newInstance(values);
  }

  /** The vector scaled to length 1; the zero vector stays zero. */
  private static float[] unit(float[] vector) {
    double norm = 0;
    for (float v : vector) {
      norm += (double) v * v;
    }
    float[] unit = vector.clone();
    if (norm > 0) {
      float scale = (float) (1.0 / Math.sqrt(norm));
      for (int i = 0; i < unit.length; i++) {
        unit[i] *= scale;
      }
    }
    return unit;
  }
}
