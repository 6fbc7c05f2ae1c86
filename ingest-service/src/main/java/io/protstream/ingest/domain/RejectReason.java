package io.protstream.ingest.domain;

/** Why a record (or a whole input) was not accepted. */
public enum RejectReason {
  /**
   * The content is none of UniProtKB FASTA, UniProt XML or the UniProtKB flat file, or is empty.
   */
  UNRECOGNIZED_FORMAT,
  /** The record's header (FASTA header line, flat-file ID line) is not a UniProtKB header. */
  MALFORMED_HEADER,
  /** A line inside a record, or content between records, that the format does not allow. */
  MALFORMED_RECORD,
  /** An XML entry that is not well-formed. */
  MALFORMED_XML,
  /** A field every UniProtKB entry has (accession, sequence header) is missing. */
  MISSING_FIELD,
  /** A primary or secondary accession that does not match UniProt's accession syntax. */
  BAD_ACCESSION,
  /** A sequence character outside the accepted residue alphabet. */
  BAD_RESIDUE,
  /** The declared sequence length differs from the number of residues. */
  LENGTH_MISMATCH,
  /** The declared CRC64 is malformed or differs from the one computed over the sequence. */
  CRC64_MISMATCH,
  /** The record has no residues. */
  EMPTY_SEQUENCE,
  /** The sequence is longer than the configured maximum. */
  OVERSIZE,
  /** The input ends inside a record, or before the end of the document. */
  TRUNCATED,
  /** The compressed stream is damaged. */
  CORRUPT_INPUT
}
