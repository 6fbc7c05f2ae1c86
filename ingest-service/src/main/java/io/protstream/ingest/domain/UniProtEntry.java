package io.protstream.ingest.domain;

import io.protstream.ingest.domain.sequence.Crc64;
import java.time.LocalDate;
import java.util.List;

/**
 * One validated UniProtKB entry, reduced to what the release diff and the downstream services need.
 *
 * <p>Fields a format does not carry are {@code null} (text, dates) or {@code 0} (numbers): FASTA
 * has no entry version, no declared length or CRC64 and no dates; older FASTA headers have no
 * taxonomy id. UniProt numbers versions and taxonomy ids from 1, so 0 never collides with a real
 * value.
 *
 * @param accession the primary accession
 * @param secondaryAccessions the secondary accessions, in file order (accessions merged into this
 *     entry)
 * @param entryName the entry name (mnemonic), e.g. {@code TPA_HUMAN}
 * @param sequence the residues, uppercase
 * @param declaredLength the length the record declares, 0 when the format declares none
 * @param declaredCrc64 the CRC64 the record declares as 16 uppercase hex digits, {@code null} when
 *     none
 * @param crc64 the CRC64 computed over {@code sequence}, 16 uppercase hex digits
 * @param sequenceVersion the sequence version, 0 when not declared
 * @param entryVersion the entry (annotation) version, 0 when not declared
 * @param reviewed {@code true} for UniProtKB/Swiss-Prot, {@code false} for UniProtKB/TrEMBL
 * @param organismName the organism's scientific name
 * @param taxId the NCBI taxonomy id, 0 when not declared
 * @param proteinName the recommended protein name (the first submitted name for unreviewed entries)
 * @param geneName the primary gene name
 * @param created the date the entry was integrated into UniProtKB
 * @param modified the date of the entry's current version
 * @param source where the record starts
 * @param curated the entry's curated annotations; {@code null} when the format carries none (FASTA)
 */
public record UniProtEntry(
    String accession,
    List<String> secondaryAccessions,
    String entryName,
    String sequence,
    int declaredLength,
    String declaredCrc64,
    String crc64,
    int sequenceVersion,
    int entryVersion,
    boolean reviewed,
    String organismName,
    int taxId,
    String proteinName,
    String geneName,
    LocalDate created,
    LocalDate modified,
    SourceLocation source,
    CuratedAnnotations curated) {

  public UniProtEntry {
    secondaryAccessions = List.copyOf(secondaryAccessions);
  }

  public int length() {
    return sequence.length();
  }

  /** The same entry with another sequence; the CRC64 fields follow the new sequence. */
  public UniProtEntry withSequence(String newSequence, int newSequenceVersion) {
    String newCrc = Crc64.hexOf(newSequence);
    return new UniProtEntry(
        accession,
        secondaryAccessions,
        entryName,
        newSequence,
        declaredLength == 0 ? 0 : newSequence.length(),
        declaredCrc64 == null ? null : newCrc,
        newCrc,
        newSequenceVersion,
        entryVersion,
        reviewed,
        organismName,
        taxId,
        proteinName,
        geneName,
        created,
        modified,
        source,
        curated);
  }

  /** The same entry under other accessions. */
  public UniProtEntry withAccessions(String primary, List<String> secondary) {
    return new UniProtEntry(
        primary,
        secondary,
        entryName,
        sequence,
        declaredLength,
        declaredCrc64,
        crc64,
        sequenceVersion,
        entryVersion,
        reviewed,
        organismName,
        taxId,
        proteinName,
        geneName,
        created,
        modified,
        source,
        curated);
  }

  /** The same entry with other curated annotations, as after an annotation-only update. */
  public UniProtEntry withCurated(CuratedAnnotations newCurated) {
    return new UniProtEntry(
        accession,
        secondaryAccessions,
        entryName,
        sequence,
        declaredLength,
        declaredCrc64,
        crc64,
        sequenceVersion,
        entryVersion,
        reviewed,
        organismName,
        taxId,
        proteinName,
        geneName,
        created,
        modified,
        source,
        newCurated);
  }

  /** The same entry at another entry version, as after an annotation-only update. */
  public UniProtEntry withEntryVersion(int newEntryVersion) {
    return new UniProtEntry(
        accession,
        secondaryAccessions,
        entryName,
        sequence,
        declaredLength,
        declaredCrc64,
        crc64,
        sequenceVersion,
        newEntryVersion,
        reviewed,
        organismName,
        taxId,
        proteinName,
        geneName,
        created,
        modified,
        source,
        curated);
  }
}
