package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.config.TransferSources;
import io.protstream.index.domain.VectorIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Produces the LSH index of annotation sources, beside the search methods' indexes. */
@ApplicationScoped
public class TransferSourcesIndex {

  @Produces
  @ApplicationScoped
  @TransferSources
  VectorIndex sources(CqlSession session, IndexConfig config) {
    return new LshIndex(
        session,
        config.cassandra().keyspace(),
        LshParameters.of(config.index().lsh()),
        LshIndex.Scope.ANNOTATION_SOURCES);
  }
}
