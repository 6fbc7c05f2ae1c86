package io.protstream.ingest.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.protstream.ingest.config.IngestConfig;
import io.protstream.ingest.domain.diff.LedgerEntry;
import io.protstream.ingest.domain.diff.ReleaseLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/** The release ledger in Cassandra: one row per primary accession, written as whole-row upserts. */
@ApplicationScoped
public class CassandraReleaseLedger implements ReleaseLedger {

  private final CqlSession session;
  private final AsyncWrites writes;
  private final PreparedStatement select;
  private final PreparedStatement upsert;
  private final PreparedStatement delete;
  private final PreparedStatement scan;
  private final Prefetched<LedgerEntry> prefetched = new Prefetched<>(128);

  CassandraReleaseLedger(CqlSession session, IngestConfig config) {
    String table = config.cassandra().keyspace() + ".ledger";
    this.session = session;
    this.writes = new AsyncWrites(session, 256);
    this.select =
        session.prepare(
            "SELECT accession, sequence_digest, sequence_version, entry_version, last_release,"
                + " annotation_digest, reviewed FROM "
                + table
                + " WHERE accession = ?");
    this.upsert =
        session.prepare(
            "INSERT INTO "
                + table
                + " (accession, sequence_digest, sequence_version, entry_version, last_release,"
                + " annotation_digest, reviewed) VALUES (?, ?, ?, ?, ?, ?, ?)");
    this.delete = session.prepare("DELETE FROM " + table + " WHERE accession = ?");
    this.scan =
        session.prepare(
            "SELECT accession, sequence_digest, sequence_version, entry_version, last_release,"
                + " annotation_digest, reviewed FROM "
                + table);
  }

  @Override
  public Optional<LedgerEntry> get(String accession) {
    return prefetched
        .lookup(accession)
        .orElseGet(
            () ->
                Optional.ofNullable(session.execute(select.bind(accession)).one())
                    .map(this::entry));
  }

  @Override
  public void prefetch(Collection<String> accessions) {
    flush();
    prefetched.load(
        accessions,
        accession ->
            session
                .executeAsync(select.bind(accession))
                .thenApply(rows -> Optional.ofNullable(rows.one()).map(this::entry)));
  }

  @Override
  public void put(LedgerEntry entry) {
    prefetched.forget(entry.accession());
    writes.send(
        upsert.bind(
            entry.accession(),
            entry.digest(),
            entry.sequenceVersion(),
            entry.entryVersion(),
            entry.lastRelease(),
            entry.annotationDigest(),
            entry.reviewed()));
  }

  @Override
  public void remove(String accession) {
    prefetched.forget(accession);
    writes.send(delete.bind(accession));
  }

  /** Sends another idempotent write behind the same barrier as the ledger's own. */
  void send(com.datastax.oss.driver.api.core.cql.Statement<?> statement) {
    writes.send(statement);
  }

  @Override
  public void flush() {
    writes.flush();
  }

  @Override
  public void forEach(Consumer<LedgerEntry> visitor) {
    flush();
    // the driver pages through the table (5,000 rows per page by default)
    for (Row row : session.execute(scan.bind())) {
      visitor.accept(entry(row));
    }
  }

  private LedgerEntry entry(Row row) {
    return new LedgerEntry(
        row.getString(0),
        row.getString(1),
        row.getInt(2),
        row.getInt(3),
        row.getString(4),
        row.getString(5),
        row.isNull(6) ? null : row.getBoolean(6));
  }
}
