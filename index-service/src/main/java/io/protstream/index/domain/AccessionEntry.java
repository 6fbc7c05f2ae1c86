package io.protstream.index.domain;

import java.time.Instant;
import java.util.List;

/**
 * One accession as the index knows it. For DELETED and MERGED entries the metadata is that of the
 * last live version; {@code digest} is the sequence it carried then.
 *
 * @param curated the entry's curated annotations, or null when no release gave any
 * @param release the release of the latest event (for DELETED: the release that removed it)
 */
public record AccessionEntry(
    String accession,
    String digest,
    String proteinName,
    String geneName,
    String organism,
    Long taxonId,
    boolean reviewed,
    String release,
    List<String> secondaryAccessions,
    EntryState state,
    String mergedInto,
    CuratedAnnotations curated,
    Instant eventTime) {

  public AccessionEntry {
    secondaryAccessions =
        secondaryAccessions == null ? List.of() : List.copyOf(secondaryAccessions);
  }
}
