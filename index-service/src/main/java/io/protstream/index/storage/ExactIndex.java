package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.IndexMethod;
import io.protstream.index.domain.Metric;
import io.protstream.index.domain.ProteinEmbedding;
import io.protstream.index.domain.ScoredDigest;
import io.protstream.index.domain.VectorIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The ground truth: scans every searchable embedding. Membership is the {@code searchable} flag of
 * the sequence row, which the index maintenance sets, so put and remove have nothing to add.
 */
@ApplicationScoped
public class ExactIndex implements VectorIndex {

  private final CqlSession session;
  private final PreparedStatement scan;

  @Inject
  ExactIndex(CqlSession session, IndexConfig config) {
    this(session, config.cassandra().keyspace());
  }

  public ExactIndex(CqlSession session, String keyspace) {
    this.session = session;
    this.scan =
        session.prepare("SELECT digest, vector, searchable FROM " + keyspace + ".sequences");
  }

  @Override
  public IndexMethod method() {
    return IndexMethod.EXACT;
  }

  @Override
  public void put(String digest, float[] vector) {}

  @Override
  public void remove(String digest) {}

  @Override
  public List<ScoredDigest> nearest(float[] query, int n, Metric metric) {
    Ranking ranking = new Ranking(query, n, metric);
    for (Row row : session.execute(scan.bind().setPageSize(1000))) {
      ByteBuffer vector = row.getByteBuffer("vector");
      if (vector != null && row.getBoolean("searchable")) {
        ranking.offer(row.getString("digest"), ProteinEmbedding.vectorFrom(vector));
      }
    }
    return ranking.nearestFirst();
  }
}
