package io.protstream.ingest.domain.diff;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link KnownDigests} in memory, for tests and dry runs. */
public final class InMemoryKnownDigests implements KnownDigests {

  private final Set<String> digests = ConcurrentHashMap.newKeySet();

  @Override
  public boolean contains(String digest) {
    return digests.contains(digest);
  }

  @Override
  public void add(String digest) {
    digests.add(digest);
  }

  public int size() {
    return digests.size();
  }
}
