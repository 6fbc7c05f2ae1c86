package io.protstream.ingest.jobs;

/**
 * What to ingest: a release file (a local path or an http(s)/file URL; gzip or not; FASTA, XML or
 * flat file), its release id, optionally UniProt's deleted-accession list, and whether the file is
 * the complete release (only then do accessions missing from it count as deleted).
 */
public record ReleaseRequest(
    String source, String releaseId, String deletedAccessions, Boolean complete) {

  public ReleaseRequest {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source (path or URL of a release file) is required");
    }
    if (releaseId == null || !releaseId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "releaseId is required: letters, digits, '.', '_' or '-' (e.g. 2025_01)");
    }
  }

  public boolean isComplete() {
    return complete == null || complete;
  }
}
