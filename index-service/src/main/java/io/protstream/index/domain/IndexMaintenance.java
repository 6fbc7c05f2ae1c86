package io.protstream.index.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the three incoming streams to the store and keeps the vector indexes equal to what the
 * store says is searchable: a digest is searchable while it has an embedding and at least one live
 * accession. Every step is idempotent and the indexes are derived from stored facts, so events in
 * any order, and replays, end in the same state.
 *
 * <p>The annotation sources (searchable digests with a reviewed entry carrying curated annotations)
 * have an index of their own. When a digest becomes searchable for the first time and none of its
 * accessions is such an entry, its annotations are transferred from its nearest sources, looked up
 * in that index, and published, once per digest.
 *
 * <p>Safe to call from several threads: the work on one digest (its stored facts, index entries and
 * transfer) runs under that digest's lock, so two events of one digest never interleave their index
 * updates, while different digests proceed in parallel.
 */
public final class IndexMaintenance {

  private static final int LOCK_STRIPES = 256;

  private final ProteinStore store;
  private final List<VectorIndex> indexes;
  private final VectorIndex sources;
  private final int transferCandidates;
  private final AnnotationTransfer transfer;
  private final TransferPublisher publisher;
  private final Object[] stripes = new Object[LOCK_STRIPES];

  /**
   * @param indexes the search methods' indexes: every searchable digest
   * @param sources the annotation sources' index, kept here, where transfer looks
   * @param transferCandidates how many nearest sources a transfer considers
   */
  public IndexMaintenance(
      ProteinStore store,
      List<VectorIndex> indexes,
      VectorIndex sources,
      int transferCandidates,
      AnnotationTransfer transfer,
      TransferPublisher publisher) {
    this.store = store;
    this.indexes = List.copyOf(indexes);
    this.sources = sources;
    this.transferCandidates = transferCandidates;
    this.transfer = transfer;
    this.publisher = publisher;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  /** Stores an embedding (the latest by event time wins) and re-indexes its digest. */
  public void embedding(ProteinEmbedding embedding, Instant eventTime) {
    int width = store.claimDimension(embedding.vector().length);
    if (width != embedding.vector().length) {
      throw new IllegalArgumentException(
          "embedding of "
              + embedding.digest()
              + " has dimension "
              + embedding.vector().length
              + ", the index holds "
              + width);
    }
    synchronized (lock(embedding.digest())) {
      store.putEmbedding(embedding, eventTime);
      reconcile(embedding.digest(), true);
    }
  }

  public void annotations(String digest, PredictedAnnotations annotations) {
    store.putAnnotations(digest, annotations);
  }

  /**
   * Applies one release's view of an accession.
   *
   * @param sequence the residues of a live entry, else null
   */
  public void entry(AccessionEntry entry, String sequence) {
    Optional<AccessionEntry> previous = store.accession(entry.accession());
    String previousDigest = previous.map(AccessionEntry::digest).orElse(null);
    List<String> touched = new ArrayList<>();
    if (entry.state() == EntryState.LIVE) {
      if (entry.digest() == null || sequence == null) {
        throw new IllegalArgumentException(
            "live entry " + entry.accession() + " comes without sequence or digest");
      }
      store.putLiveEntry(entry, sequence);
      touched.add(entry.digest());
      if (previousDigest != null && !previousDigest.equals(entry.digest())) {
        store.removeMembership(previousDigest, entry.accession(), entry.eventTime());
        touched.add(previousDigest);
      }
    } else {
      store.retireEntry(entry, previousDigest);
      if (previousDigest != null) {
        touched.add(previousDigest);
      }
    }
    for (String digest : touched) {
      synchronized (lock(digest)) {
        reconcile(digest, false);
      }
    }
  }

  /**
   * Brings the indexes in line with the stored facts of one digest; call under its lock.
   *
   * @param vectorStored whether an embedding was just stored, so the indexes may hold an older
   *     vector; otherwise only the members changed, and a searchable digest's indexes are current
   */
  private void reconcile(String digest, boolean vectorStored) {
    IndexState state = store.indexState(digest).orElse(null);
    if (state == null || state.vector() == null) {
      return; // never indexed: nothing to add or remove
    }
    List<Member> members = store.liveMembers(digest);
    if (members.isEmpty()) {
      // unmarked first: a searchable digest is one whose indexes are current (see below), and a
      // crash between the two steps must not leave it marked while the indexes lack it
      if (state.searchable()) {
        store.markSearchable(digest, false);
      }
      for (VectorIndex index : indexes) {
        index.remove(digest);
      }
      sources.remove(digest);
      return;
    }
    if (vectorStored || !state.searchable()) {
      for (VectorIndex index : indexes) {
        index.put(digest, state.vector());
      }
    }
    boolean source = members.stream().anyMatch(Member::annotationSource);
    if (source) {
      sources.put(digest, state.vector());
    } else {
      sources.remove(digest);
    }
    if (!state.searchable()) {
      // marked last: the indexes hold the vector by now
      store.markSearchable(digest, true);
    }
    if (!state.transferDone() && !source) {
      publishTransfer(digest, state, members);
    }
  }

  private void publishTransfer(String digest, IndexState state, List<Member> members) {
    // the digest itself is not a source (it has no annotated member), so it is not among these
    List<ScoredDigest> candidates =
        sources.nearest(state.vector(), transferCandidates, Metric.EUCLIDEAN);
    Map<String, List<Member>> candidateMembers =
        store.liveMembers(candidates.stream().map(ScoredDigest::digest).toList());
    List<AnnotationTransfer.Neighbour> neighbours = new ArrayList<>();
    for (ScoredDigest candidate : candidates) {
      // members are read again: one may have lost its curated entry since it was indexed
      List<Member> annotated =
          candidateMembers.get(candidate.digest()).stream()
              .filter(Member::annotationSource)
              .toList();
      if (!annotated.isEmpty()) {
        neighbours.add(new AnnotationTransfer.Neighbour(candidate.distance(), annotated));
      }
    }
    publisher.publish(
        digest,
        members.stream().map(Member::accession).sorted().toList(),
        state.modelId(),
        transfer.transfer(neighbours));
    store.markTransferDone(digest);
  }

  private Object lock(String digest) {
    return stripes[Math.floorMod(digest.hashCode(), LOCK_STRIPES)];
  }
}
