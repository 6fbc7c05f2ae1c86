package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.Reject;
import io.protstream.ingest.domain.RejectReason;
import io.protstream.ingest.domain.UniProtEntry;
import io.protstream.ingest.domain.sequence.AccessionSyntax;
import io.protstream.ingest.domain.sequence.Crc64;
import java.util.List;
import java.util.Locale;

/**
 * Turns a finished {@link EntryDraft} into an entry or a reject. The checks run cheapest and most
 * fundamental first, so a record with several defects is rejected for the one that explains the
 * others (an oversize sequence is not also reported as a CRC mismatch).
 */
final class EntryValidator {

  private EntryValidator() {}

  /** Validates the draft and hands the outcome to the listener; {@code true} if it was accepted. */
  static boolean emit(EntryDraft draft, ParseListener listener) {
    Reject reject = check(draft);
    if (reject != null) {
      listener.onReject(reject);
      return false;
    }
    listener.onEntry(toEntry(draft));
    return true;
  }

  private static Reject check(EntryDraft d) {
    String accession = d.primaryAccession();
    if (d.failed()) {
      return reject(d, d.problem, d.problemMessage);
    }
    if (accession == null) {
      return reject(d, RejectReason.MISSING_FIELD, "record has no accession");
    }
    for (String candidate : d.accessions) {
      if (!AccessionSyntax.isValid(candidate)) {
        String role = candidate.equals(accession) ? "primary" : "secondary";
        return reject(
            d, RejectReason.BAD_ACCESSION, role + " accession '" + candidate + "' is malformed");
      }
    }
    if (!d.sawSequenceHeader) {
      return reject(d, RejectReason.MISSING_FIELD, "record has no sequence");
    }
    if (d.sequence.isEmpty()) {
      return reject(d, RejectReason.EMPTY_SEQUENCE, "sequence has no residues");
    }
    if (d.sequence.isOversize()) {
      return reject(
          d,
          RejectReason.OVERSIZE,
          "sequence of "
              + d.sequence.length()
              + " residues exceeds the limit of "
              + d.sequence.maxLength());
    }
    if (d.sequence.hasInvalidResidue()) {
      return reject(
          d,
          RejectReason.BAD_RESIDUE,
          "character outside the residue alphabet: " + d.sequence.describeInvalidResidue());
    }
    if (d.declaredLength > 0 && d.declaredLength != d.sequence.length()) {
      return reject(
          d,
          RejectReason.LENGTH_MISMATCH,
          "declared length " + d.declaredLength + " but " + d.sequence.length() + " residues");
    }
    if (d.declaredCrc64 != null) {
      if (!Crc64.isWellFormed(d.declaredCrc64)) {
        return reject(
            d,
            RejectReason.CRC64_MISMATCH,
            "declared CRC64 '" + d.declaredCrc64 + "' is not 16 hex digits");
      }
      String computed = Crc64.hex(d.sequence.crc64());
      if (!computed.equalsIgnoreCase(d.declaredCrc64)) {
        return reject(
            d,
            RejectReason.CRC64_MISMATCH,
            "declared CRC64 " + d.declaredCrc64 + " but computed " + computed);
      }
    }
    return null;
  }

  private static Reject reject(EntryDraft d, RejectReason reason, String message) {
    return new Reject(
        d.location, d.primaryAccession(), reason, message, d.raw.copy(), d.raw.total());
  }

  private static UniProtEntry toEntry(EntryDraft d) {
    String crc = Crc64.hex(d.sequence.crc64());
    return new UniProtEntry(
        d.accessions.get(0),
        List.copyOf(d.accessions.subList(1, d.accessions.size())),
        d.entryName,
        d.sequence.sequence(),
        d.declaredLength,
        d.declaredCrc64 == null ? null : d.declaredCrc64.toUpperCase(Locale.ROOT),
        crc,
        d.sequenceVersion,
        d.entryVersion,
        d.reviewed,
        d.organismName,
        d.taxId,
        d.proteinName,
        d.geneName,
        d.created,
        d.modified,
        d.location,
        d.annotated ? d.curated.annotations() : null);
  }
}
