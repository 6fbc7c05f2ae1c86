package io.protstream.ingest.jobs;

import io.protstream.ingest.domain.Dataset;

/**
 * What to ingest: a release file (a path in an allowed directory or an http(s)/file URL under an
 * allowed prefix; gzip or not; FASTA, XML or flat file), its release id, optionally UniProt's
 * deleted-accession list, whether the file is declared the complete release of its dataset (only
 * then do accessions of that dataset missing from it count as deleted; default: not complete), and
 * optionally which dataset it is (else judged from the file name, then from the entries).
 */
public record ReleaseRequest(
    String source, String releaseId, String deletedAccessions, Boolean complete, Dataset dataset) {

  public ReleaseRequest {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source (path or URL of a release file) is required");
    }
    if (releaseId == null || !releaseId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "releaseId is required: letters, digits, '.', '_' or '-' (e.g. 2025_01)");
    }
  }

  public ReleaseRequest(
      String source, String releaseId, String deletedAccessions, Boolean complete) {
    this(source, releaseId, deletedAccessions, complete, null);
  }

  /** Complete only when declared: a partial file must never delete what it does not mention. */
  public boolean isComplete() {
    return complete != null && complete;
  }

  /** The declared dataset, else the one the file name says, else null (judged from content). */
  public Dataset datasetHint() {
    if (dataset != null) {
      return dataset;
    }
    String name = source.replaceAll(".*[/\\\\]", "");
    return Dataset.fromFileName(name).orElse(null);
  }
}
