package io.protstream.index.messaging;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ChangeKind;
import io.protstream.events.SequenceEvent;
import io.protstream.index.domain.AccessionEntry;
import io.protstream.index.domain.CuratedAnnotations;
import io.protstream.index.domain.EntryState;
import io.protstream.index.domain.GoTerm;
import io.protstream.index.domain.PredictedAnnotations;
import java.nio.ByteBuffer;

/** Events to domain values; the events' own field checks happen in the domain constructors. */
final class EventMapping {

  private EventMapping() {}

  static AccessionEntry entry(SequenceEvent e) {
    EntryState state =
        e.getChangeKind() == ChangeKind.DELETED
            ? EntryState.DELETED
            : e.getChangeKind() == ChangeKind.MERGED ? EntryState.MERGED : EntryState.LIVE;
    if (state == EntryState.MERGED && e.getMergedInto() == null) {
      throw new IllegalArgumentException(
          "MERGED event for " + e.getAccession() + " names no target");
    }
    return new AccessionEntry(
        e.getAccession(),
        e.getSequenceDigest(),
        e.getProteinName(),
        e.getGeneName(),
        e.getOrganismName(),
        e.getNcbiTaxId(),
        e.getReviewed(),
        e.getReleaseId(),
        e.getSecondaryAccessions(),
        state,
        e.getMergedInto(),
        curated(e.getCurated()),
        e.getEventTime());
  }

  private static CuratedAnnotations curated(io.protstream.events.CuratedAnnotations c) {
    if (c == null) {
      return null;
    }
    return new CuratedAnnotations(
        c.getGoTerms().stream()
            .map(t -> new GoTerm(t.getId(), t.getAspect(), t.getEvidence()))
            .toList(),
        c.getEcNumbers(),
        c.getKeywords(),
        c.getSubcellularLocations());
  }

  static PredictedAnnotations annotations(AnnotationEvent e) {
    return new PredictedAnnotations(
        e.getEncoderModelId(),
        e.getSecondaryStructureModelId(),
        e.getDisorderModelId(),
        e.getLocalizationModelId(),
        e.getMembraneModelId(),
        e.getLength(),
        e.getDssp3(),
        bytes(e.getDssp3Probabilities()),
        e.getDssp8(),
        bytes(e.getDssp8Probabilities()),
        e.getDisorder(),
        bytes(e.getDisorderProbabilities()),
        e.getLocalization(),
        e.getLocalizationProbabilities(),
        e.getMembrane(),
        e.getMembraneProbabilities(),
        e.getCreatedAt());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
