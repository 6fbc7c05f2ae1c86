package io.protstream.index.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers protein look-ups and similarity searches: resolves accessions (404, 410, 301 cases),
 * embeds query sequences, asks the chosen index, keeps neighbours with a live accession that passes
 * the filters, and transfers annotations from them.
 */
public final class ProteinSearch {

  /** Candidates fetched beyond k grow by this factor while filters leave too few. */
  private static final int GROWTH = 4;

  private final ProteinStore store;
  private final Map<IndexMethod, VectorIndex> indexes;
  private final SequenceEmbedder embedder;
  private final SearchLimits limits;
  private final AnnotationTransfer transfer;
  private final int configuredDimension;

  public ProteinSearch(
      ProteinStore store,
      Map<IndexMethod, VectorIndex> indexes,
      SequenceEmbedder embedder,
      SearchLimits limits,
      AnnotationTransfer transfer,
      int configuredDimension) {
    this.store = store;
    this.indexes = Map.copyOf(indexes);
    this.embedder = embedder;
    this.limits = limits;
    this.transfer = transfer;
    this.configuredDimension = configuredDimension;
  }

  public SearchLimits limits() {
    return limits;
  }

  /** Width of the indexed vectors, or 0 while nothing is indexed. */
  public int dimension() {
    return configuredDimension > 0 ? configuredDimension : store.dimension().orElse(0);
  }

  /** The live entry of an accession with its sequence's data. */
  public ProteinCard protein(String accession) {
    AccessionEntry entry = liveEntry(accession);
    DigestRecord sequence = store.digest(entry.digest()).orElse(null);
    return new ProteinCard(entry, sequence, store.liveMembers(entry.digest()));
  }

  public SearchResult search(SearchRequest request) {
    float[] query;
    String exclude = null;
    String modelId = null;
    if (request.accession() != null) {
      AccessionEntry entry = liveEntry(request.accession());
      IndexState state = store.indexState(entry.digest()).orElse(null);
      if (state == null || state.vector() == null) {
        throw new SearchException(
            SearchException.Kind.NOT_READY,
            request.accession() + " has no embedding yet; search again once it is embedded",
            null);
      }
      query = state.vector();
      exclude = entry.digest();
      modelId = state.modelId();
    } else if (request.sequence() != null) {
      SequenceEmbedder.EmbeddedSequence embedded = embedder.embed(request.sequence());
      int dimension = dimension();
      if (dimension > 0 && embedded.vector().length != dimension) {
        throw new EmbedderUnavailableException(
            "the embedding service returned "
                + embedded.vector().length
                + " values, the index holds vectors of "
                + dimension);
      }
      query = embedded.vector();
      modelId = embedded.modelId();
    } else {
      query = request.vector();
    }
    List<SearchResult.Neighbour> neighbours = neighbours(request, query, exclude);
    if (modelId == null && !neighbours.isEmpty()) {
      modelId = neighbours.get(0).modelId();
    }
    List<AnnotationTransfer.Neighbour> sources =
        neighbours.stream()
            .map(n -> new AnnotationTransfer.Neighbour(n.euclideanDistance(), n.accessions()))
            .toList();
    return new SearchResult(
        request.accession(),
        exclude,
        modelId,
        request.method(),
        request.metric(),
        request.k(),
        neighbours,
        transfer.transfer(sources));
  }

  /**
   * The k nearest digests that still have a live accession passing the filters; fetches more
   * candidates while filters or retired digests leave fewer than k.
   */
  private List<SearchResult.Neighbour> neighbours(
      SearchRequest request, float[] query, String exclude) {
    VectorIndex index = indexes.get(request.method());
    if (index == null) {
      throw SearchException.invalid("method: " + request.method().wireName() + " is not enabled");
    }
    if (dimension() > 0 && query.length != dimension()) {
      return List.of();
    }
    int k = request.k();
    int wanted = k + (exclude == null ? 0 : 1);
    int cap = Math.max(wanted, limits.maxK()) * GROWTH * GROWTH;
    Map<String, List<Member>> membersByDigest = new HashMap<>();
    while (true) {
      List<ScoredDigest> candidates = index.nearest(query, wanted, request.metric());
      List<String> unread =
          candidates.stream()
              .map(ScoredDigest::digest)
              .filter(d -> !membersByDigest.containsKey(d))
              .toList();
      store
          .liveMembers(unread)
          .forEach((digest, members) -> membersByDigest.put(digest, filtered(members, request)));
      List<ScoredDigest> kept = new ArrayList<>();
      for (ScoredDigest candidate : candidates) {
        if (kept.size() == k) {
          break;
        }
        if (!candidate.digest().equals(exclude)
            && !membersByDigest.get(candidate.digest()).isEmpty()) {
          kept.add(candidate);
        }
      }
      if (kept.size() == k || candidates.size() < wanted || wanted >= cap) {
        return described(kept, query, request.metric(), membersByDigest);
      }
      wanted = Math.min(cap, wanted * GROWTH);
    }
  }

  /** The kept candidates with their members and summaries, all summaries read at once. */
  private List<SearchResult.Neighbour> described(
      List<ScoredDigest> kept,
      float[] query,
      Metric metric,
      Map<String, List<Member>> membersByDigest) {
    Map<String, NeighbourSummary> summaries =
        store.summaries(kept.stream().map(ScoredDigest::digest).toList());
    List<SearchResult.Neighbour> neighbours = new ArrayList<>(kept.size());
    for (ScoredDigest candidate : kept) {
      double euclidean =
          metric == Metric.EUCLIDEAN
              ? candidate.distance()
              : Metric.EUCLIDEAN.distance(query, candidate.vector());
      NeighbourSummary summary = summaries.get(candidate.digest());
      neighbours.add(
          new SearchResult.Neighbour(
              candidate.digest(),
              candidate.distance(),
              euclidean,
              AnnotationTransfer.reliabilityIndex(euclidean),
              summary == null ? null : summary.modelId(),
              membersByDigest.get(candidate.digest()),
              summary == null ? null : summary.localization(),
              summary == null ? null : summary.membrane()));
    }
    return neighbours;
  }

  private static List<Member> filtered(List<Member> members, SearchRequest request) {
    return members.stream()
        .filter(m -> !request.reviewedOnly() || m.reviewed())
        .filter(m -> request.taxonId() == null || request.taxonId().equals(m.taxonId()))
        .toList();
  }

  private AccessionEntry liveEntry(String accession) {
    if (!Accessions.isValid(accession)) {
      throw SearchException.invalid(
          "'" + accession + "' is not a UniProtKB accession (e.g. P69905)");
    }
    AccessionEntry entry =
        store
            .accession(accession)
            .orElseThrow(
                () ->
                    new SearchException(
                        SearchException.Kind.UNKNOWN, "unknown accession " + accession, null));
    return switch (entry.state()) {
      case LIVE -> entry;
      case DELETED ->
          throw new SearchException(
              SearchException.Kind.DELETED,
              accession + " was deleted in release " + entry.release(),
              entry.release());
      case MERGED ->
          throw new SearchException(
              SearchException.Kind.MERGED,
              accession + " was merged into " + entry.mergedInto(),
              entry.mergedInto());
    };
  }
}
