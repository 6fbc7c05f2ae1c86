package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import io.protstream.index.config.IndexConfig;
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
  CqlSession session(IndexConfig config) {
    IndexConfig.Cassandra cassandra = config.cassandra();
    CqlSession session = CqlSessions.open(cassandra.contactPoints(), cassandra.localDatacenter());
    CqlSessions.createKeyspace(session, cassandra.keyspace(), cassandra.replicationFactor());
    IndexSchema.create(session, cassandra.keyspace());
    return session;
  }

  void close(@Disposes CqlSession session) {
    session.close();
  }
}
