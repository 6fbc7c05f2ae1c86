package io.protstream.ingest.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.protstream.ingest.config.IngestConfig;
import io.protstream.ingest.domain.diff.KnownDigests;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Optional;

/** Sequence digests that have been announced for embedding, one row each. */
@ApplicationScoped
public class CassandraKnownDigests implements KnownDigests {

  private final CqlSession session;
  private final CassandraReleaseLedger ledger;
  private final PreparedStatement select;
  private final PreparedStatement insert;
  private final Prefetched<Boolean> prefetched = new Prefetched<>(128);

  CassandraKnownDigests(CqlSession session, IngestConfig config, CassandraReleaseLedger ledger) {
    String table = config.cassandra().keyspace() + ".digests";
    this.session = session;
    this.ledger = ledger;
    this.select =
        session.prepare("SELECT sequence_digest FROM " + table + " WHERE sequence_digest = ?");
    this.insert = session.prepare("INSERT INTO " + table + " (sequence_digest) VALUES (?)");
  }

  @Override
  public boolean contains(String digest) {
    return prefetched
        .lookup(digest)
        .map(Optional::isPresent)
        .orElseGet(() -> session.execute(select.bind(digest)).one() != null);
  }

  @Override
  public void prefetch(Collection<String> digests) {
    prefetched.load(
        digests,
        digest ->
            session
                .executeAsync(select.bind(digest))
                .thenApply(
                    rows -> rows.one() == null ? Optional.<Boolean>empty() : Optional.of(true)));
  }

  @Override
  public void add(String digest) {
    prefetched.forget(digest);
    // one barrier for both tables: the ledger's flush covers these writes too
    ledger.send(insert.bind(digest));
  }
}
