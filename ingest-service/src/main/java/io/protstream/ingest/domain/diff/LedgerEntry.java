package io.protstream.ingest.domain.diff;

/**
 * What the ledger remembers about one primary accession.
 *
 * @param accession the primary accession
 * @param digest the {@link io.protstream.ingest.domain.sequence.SequenceDigest} of its sequence
 * @param sequenceVersion the sequence version last seen
 * @param entryVersion the entry version last seen (0 when only FASTA has been read)
 * @param lastRelease the last release the accession was seen in as a primary accession
 */
public record LedgerEntry(
    String accession, String digest, int sequenceVersion, int entryVersion, String lastRelease) {}
