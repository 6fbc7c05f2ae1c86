package io.protstream.ingest.messaging;

/** Channel names of ingest-service (topics are bound in application.properties). */
public final class Channels {

  /** Outgoing: {@code uniprot.sequences.v1}, key = primary accession. */
  public static final String SEQUENCES_OUT = "sequences-out";

  /** Outgoing: {@code uniprot.sequences.v1.dlq}, rejected records of release files. */
  public static final String REJECTS_OUT = "rejects-out";

  private Channels() {}
}
