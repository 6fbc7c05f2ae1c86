package io.protstream.ingest.storage;

import com.datastax.oss.driver.api.core.CqlSession;

/** The release ledger's tables; every statement is idempotent so each start may run it. */
final class LedgerSchema {

  private LedgerSchema() {}

  static void create(CqlSession session, String keyspace) {
    // one row per primary accession: what the last release said about it
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".ledger (accession text PRIMARY KEY, sequence_digest text, sequence_version int,"
            + " entry_version int, last_release text, annotation_digest text, reviewed boolean)");
    // ledgers created before curated annotations were tracked
    session.execute("ALTER TABLE " + keyspace + ".ledger ADD IF NOT EXISTS annotation_digest text");
    session.execute("ALTER TABLE " + keyspace + ".ledger ADD IF NOT EXISTS reviewed boolean");
    // one row per distinct sequence: identical sequences under several accessions are embedded once
    session.execute(
        "CREATE TABLE IF NOT EXISTS " + keyspace + ".digests (sequence_digest text PRIMARY KEY)");
  }
}
