package io.protstream.ingest.messaging;

import io.protstream.events.ChangeKind;
import io.protstream.events.GoTerm;
import io.protstream.events.SequenceEvent;
import io.protstream.ingest.domain.CuratedAnnotations;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.diff.SequenceChange;
import java.time.Instant;

/** The wire form of a release-diff decision. */
final class SequenceEvents {

  private SequenceEvents() {}

  static SequenceEvent from(SequenceChange change, Instant now) {
    SequenceEvent.Builder event =
        SequenceEvent.newBuilder()
            .setAccession(change.accession())
            .setReleaseId(change.release())
            .setChangeKind(ChangeKind.valueOf(change.kind().name()))
            .setMergedInto(change.mergedInto())
            .setEventTime(now);
    UniProtEntry entry = change.entry();
    switch (change.kind()) {
      case NEW, SEQUENCE_CHANGED, ANNOTATION_ONLY -> {
        event
            .setSecondaryAccessions(entry.secondaryAccessions())
            .setSequence(entry.sequence())
            .setLength(entry.length())
            .setSequenceDigest(change.digest())
            .setCrc64(entry.crc64())
            .setEntryVersion(entry.entryVersion() == 0 ? null : entry.entryVersion())
            .setSequenceVersion(entry.sequenceVersion() == 0 ? null : entry.sequenceVersion())
            .setReviewed(entry.reviewed())
            .setOrganismName(entry.organismName())
            .setNcbiTaxId(entry.taxId() == 0 ? null : (long) entry.taxId())
            .setProteinName(entry.proteinName())
            .setGeneName(entry.geneName())
            .setEmbeddingExists(change.digestAlreadyKnown())
            .setCurated(curated(entry.curated()));
      }
      case MERGED, DELETED, UNCHANGED -> event.setLength(0);
    }
    return event.build();
  }

  static io.protstream.events.CuratedAnnotations curated(CuratedAnnotations curated) {
    if (curated == null) {
      return null;
    }
    return io.protstream.events.CuratedAnnotations.newBuilder()
        .setGoTerms(
            curated.goTerms().stream()
                .map(t -> new GoTerm(t.id(), t.aspect(), t.evidence()))
                .toList())
        .setEcNumbers(curated.ecNumbers())
        .setKeywords(curated.keywords())
        .setSubcellularLocations(curated.subcellularLocations())
        .build();
  }
}
