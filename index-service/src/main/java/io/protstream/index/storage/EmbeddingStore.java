package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.ProteinEmbedding;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Per-protein embeddings in Cassandra, one row per digest. Writes are upserts of the whole row, so
 * replaying an event (after a crash before the offset commit) rewrites the same row instead of
 * adding one.
 */
@ApplicationScoped
public class EmbeddingStore {

  private final CqlSession session;
  private final PreparedStatement upsert;

  EmbeddingStore(CqlSession session, IndexConfig config) {
    this.session = session;
    String keyspace = config.cassandra().keyspace();
    this.upsert =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".protein_embeddings (digest, accessions, model_id, dimension, vector, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
  }

  public CompletionStage<Void> upsert(ProteinEmbedding embedding) {
    return session
        .executeAsync(
            upsert
                .bind(
                    embedding.digest(),
                    embedding.accessions(),
                    embedding.modelId(),
                    embedding.vector().length,
                    embedding.vectorBytes(),
                    Instant.now())
                .setIdempotent(true))
        .thenApply(rs -> null);
  }
}
