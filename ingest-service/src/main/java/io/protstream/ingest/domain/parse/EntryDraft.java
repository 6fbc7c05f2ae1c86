package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.RejectReason;
import io.protstream.ingest.domain.SourceLocation;
import io.protstream.ingest.domain.sequence.SequenceBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of the record being read, filled in by a format parser and checked by {@link
 * EntryValidator}. One draft is reused for every record of a file. The first structural problem a
 * parser meets is kept; later ones add nothing the reject would need.
 */
final class EntryDraft {

  final List<String> accessions = new ArrayList<>();
  final SequenceBuffer sequence;
  final CuratedCollector curated = new CuratedCollector();
  final RecordBytes raw = new RecordBytes();
  SourceLocation location;
  String entryName;
  boolean reviewed;
  int declaredLength;
  String declaredCrc64;
  int sequenceVersion;
  int entryVersion;
  String organismName;
  int taxId;
  String proteinName;
  String geneName;
  LocalDate created;
  LocalDate modified;

  /** Whether the format carries annotations (flat file, XML); FASTA does not. */
  boolean annotated;

  boolean sawSequenceHeader;
  RejectReason problem;
  String problemMessage;

  EntryDraft(int maxSequenceLength) {
    this.sequence = new SequenceBuffer(maxSequenceLength);
  }

  void start(SourceLocation at) {
    accessions.clear();
    sequence.reset();
    location = at;
    entryName = null;
    reviewed = false;
    declaredLength = 0;
    declaredCrc64 = null;
    sequenceVersion = 0;
    entryVersion = 0;
    organismName = null;
    taxId = 0;
    proteinName = null;
    geneName = null;
    created = null;
    modified = null;
    annotated = false;
    curated.reset();
    raw.reset();
    sawSequenceHeader = false;
    problem = null;
    problemMessage = null;
  }

  /** Records a structural problem unless an earlier one is already recorded. */
  void fail(RejectReason reason, String message) {
    if (problem == null) {
      problem = reason;
      problemMessage = message;
    }
  }

  boolean failed() {
    return problem != null;
  }

  String primaryAccession() {
    return accessions.isEmpty() ? null : accessions.get(0);
  }
}
