package io.protstream.index.config;

import io.protstream.index.domain.AnnotationTransfer;
import io.protstream.index.domain.IndexMaintenance;
import io.protstream.index.domain.IndexMethod;
import io.protstream.index.domain.ProteinSearch;
import io.protstream.index.domain.ProteinStore;
import io.protstream.index.domain.SearchLimits;
import io.protstream.index.domain.SequenceEmbedder;
import io.protstream.index.domain.TransferPublisher;
import io.protstream.index.domain.VectorIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.EnumMap;
import java.util.Map;

/** Builds the domain services from the settings and the storage, messaging and REST adapters. */
@ApplicationScoped
public class DomainWiring {

  @Produces
  @ApplicationScoped
  IndexMaintenance maintenance(
      ProteinStore store,
      Instance<VectorIndex> indexes,
      @TransferSources VectorIndex sources,
      TransferPublisher publisher,
      IndexConfig config) {
    return new IndexMaintenance(
        store,
        byMethod(indexes).values().stream().toList(),
        sources,
        config.index().transfer().candidates(),
        new AnnotationTransfer(config.index().transfer().sourcesPerKind()),
        publisher);
  }

  @Produces
  @ApplicationScoped
  ProteinSearch search(
      ProteinStore store,
      Instance<VectorIndex> indexes,
      SequenceEmbedder embedder,
      IndexConfig config) {
    IndexConfig.Search search = config.search();
    return new ProteinSearch(
        store,
        byMethod(indexes),
        embedder,
        new SearchLimits(search.defaultK(), search.maxK(), search.maxSequenceLength()),
        new AnnotationTransfer(config.index().transfer().sourcesPerKind()),
        config.index().dimension());
  }

  private static Map<IndexMethod, VectorIndex> byMethod(Instance<VectorIndex> indexes) {
    Map<IndexMethod, VectorIndex> byMethod = new EnumMap<>(IndexMethod.class);
    for (VectorIndex index : indexes) {
      byMethod.put(index.method(), index);
    }
    return byMethod;
  }
}
