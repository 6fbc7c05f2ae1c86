package io.protstream.ingest.domain.diff;

/**
 * What the ledger remembers about one primary accession.
 *
 * @param accession the primary accession
 * @param digest the {@link io.protstream.ingest.domain.sequence.SequenceDigest} of its sequence
 * @param sequenceVersion the sequence version last seen
 * @param entryVersion the entry version last seen (0 when only FASTA has been read)
 * @param lastRelease the last release the accession was seen in as a primary accession
 * @param annotationDigest {@link io.protstream.ingest.domain.CuratedAnnotations#digest()} of the
 *     curated annotations last announced; {@code null} when none were (only FASTA read so far, or a
 *     ledger row older than this column)
 * @param reviewed whether the entry was last seen in Swiss-Prot ({@code true}) or TrEMBL; {@code
 *     null} for a ledger row older than this column. Absence from a release file deletes only
 *     entries of the dataset the file speaks for.
 */
public record LedgerEntry(
    String accession,
    String digest,
    int sequenceVersion,
    int entryVersion,
    String lastRelease,
    String annotationDigest,
    Boolean reviewed) {}
