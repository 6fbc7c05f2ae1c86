package io.protstream.ingest.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import io.protstream.ingest.config.IngestConfig;
import io.protstream.support.cassandra.CqlSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One driver session for the service; its keyspace and tables are created on first start. */
@ApplicationScoped
public class CassandraSessionProducer {

  @Produces
  @Singleton
  CqlSession session(IngestConfig config) {
    IngestConfig.Cassandra cassandra = config.cassandra();
    CqlSession session = CqlSessions.open(cassandra.contactPoints(), cassandra.localDatacenter());
    CqlSessions.createKeyspace(session, cassandra.keyspace(), cassandra.replicationFactor());
    LedgerSchema.create(session, cassandra.keyspace());
    return session;
  }

  void close(@Disposes CqlSession session) {
    session.close();
  }
}
