package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The index's tables; every statement is idempotent so each start may run it. Partitions: one per
 * digest ({@code sequences}, {@code lsh_entries}, {@code lsh_source_entries}), one per accession
 * ({@code accessions}), the live accessions of a digest in one ({@code digest_members}), one per
 * LSH table and bucket code's high bits ({@code lsh_bucket_sketches}: a row per bucket, a map cell
 * per digest with its sketch, so a bucket reads as one row, and several probed buckets as one
 * read). The SAI tables are created per embedding width by {@link SaiIndex}.
 */
public final class IndexSchema {

  private IndexSchema() {}

  public static void create(CqlSession session, String keyspace) {
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".sequences (digest text PRIMARY KEY, sequence text,"
            + " vector blob, model_id text, embedded_at timestamp,"
            + " encoder_model_id text, secondary_structure_model_id text, disorder_model_id text,"
            + " localization_model_id text, membrane_model_id text, annotated_length int,"
            + " dssp3 text, dssp3_p blob, dssp8 text, dssp8_p blob, disorder text, disorder_p blob,"
            + " localization text, localization_p list<float>, membrane text,"
            + " membrane_p list<float>, annotated_at timestamp,"
            + " searchable boolean, transfer_done boolean)");
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".accessions (accession text PRIMARY KEY, digest text, protein_name text,"
            + " gene_name text, organism text, taxon_id bigint, reviewed boolean, release text,"
            + " secondary list<text>, state text, merged_into text, curated text,"
            + " event_time timestamp)");
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".digest_members (digest text, accession text, reviewed boolean, taxon_id bigint,"
            + " protein_name text, organism text, curated text, PRIMARY KEY (digest, accession))");
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".index_settings (name text PRIMARY KEY, dimension int, seed bigint, center blob,"
            + " projection blob,"
            + " bits int, tables int)");
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".lsh_bucket_sketches (tbl int, high bigint, low int, sketches map<text, blob>,"
            + " PRIMARY KEY ((tbl, high), low))"
            // read far more often than written, and by many small reads: few sstables per read
            + " WITH compaction = {'class': 'LeveledCompactionStrategy'}");
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".lsh_entries (digest text PRIMARY KEY, codes list<bigint>, fingerprint bigint)");
    // the same for the annotation sources' index (LshIndex.Scope.ANNOTATION_SOURCES)
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".lsh_source_entries (digest text PRIMARY KEY, codes list<bigint>,"
            + " fingerprint bigint)");
  }
}
