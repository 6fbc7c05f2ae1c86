package io.protstream.ingest.domain.parse;

/** The UniProtKB distribution formats the service reads. */
public enum UniProtFormat {
  FASTA,
  XML,
  FLAT_FILE,
  /** Content that is none of the above. */
  UNKNOWN
}
