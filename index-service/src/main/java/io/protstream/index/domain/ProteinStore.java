package io.protstream.index.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The index's stored state. Source facts (embeddings, annotations, entries) are written with their
 * event time as write time, so the latest event wins whatever order events arrive in and a replay
 * of an older event changes nothing.
 */
public interface ProteinStore {

  /**
   * Records the embedding width of the index if none is recorded yet; returns the recorded width
   * (which all replicas agree on).
   */
  int claimDimension(int dimension);

  /** The recorded embedding width, if any embedding was stored. */
  OptionalInt dimension();

  void putEmbedding(ProteinEmbedding embedding, Instant eventTime);

  void putAnnotations(String digest, PredictedAnnotations annotations);

  /** Writes a live entry, its sequence under its digest, and its membership of the digest. */
  void putLiveEntry(AccessionEntry entry, String sequence);

  /**
   * Marks an entry DELETED or MERGED (state, release, merge target; the metadata of its last live
   * version stays) and ends its membership of {@code previousDigest}, if not null.
   */
  void retireEntry(AccessionEntry entry, String previousDigest);

  /** Ends the membership of an accession in a digest it no longer carries. */
  void removeMembership(String digest, String accession, Instant eventTime);

  Optional<AccessionEntry> accession(String accession);

  Optional<DigestRecord> digest(String digest);

  /** What keeping the indexes needs of a digest, read without its sequence and annotations. */
  Optional<IndexState> indexState(String digest);

  /**
   * The summaries of several digests, keyed by digest (a digest with no stored row has none), read
   * at once rather than one round trip after another.
   */
  Map<String, NeighbourSummary> summaries(Collection<String> digests);

  /** Live accessions carrying the digest. */
  List<Member> liveMembers(String digest);

  /**
   * Live accessions of each of several digests (every digest a key, possibly with an empty list),
   * in the order given; a store may read them all at once.
   */
  default Map<String, List<Member>> liveMembers(Collection<String> digests) {
    Map<String, List<Member>> members = new LinkedHashMap<>();
    for (String digest : digests) {
      members.computeIfAbsent(digest, this::liveMembers);
    }
    return members;
  }

  void markSearchable(String digest, boolean searchable);

  void markTransferDone(String digest);
}
