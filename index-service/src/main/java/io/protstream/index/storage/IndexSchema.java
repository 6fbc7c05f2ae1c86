package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;

/** The index's tables; every statement is idempotent so each start may run it. */
final class IndexSchema {

  private IndexSchema() {}

  static void create(CqlSession session, String keyspace) {
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".protein_embeddings (digest text PRIMARY KEY, accessions set<text>, model_id text,"
            + " dimension int, vector blob, updated_at timestamp)");
  }
}
