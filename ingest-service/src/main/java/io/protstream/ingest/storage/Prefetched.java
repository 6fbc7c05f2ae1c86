package io.protstream.ingest.storage;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The answers to one window's lookups, fetched in parallel (at most {@code parallelism} at once)
 * and replaced by the next window's: a lookup outside the window falls through to the caller's
 * synchronous read.
 */
final class Prefetched<V> {

  private final int parallelism;
  private volatile Map<String, Optional<V>> answers = new ConcurrentHashMap<>();

  Prefetched(int parallelism) {
    this.parallelism = parallelism;
  }

  void load(Collection<String> keys, Function<String, CompletionStage<Optional<V>>> fetch) {
    Map<String, Optional<V>> loaded = new ConcurrentHashMap<>();
    Semaphore slots = new Semaphore(parallelism);
    CompletableFuture<?>[] all = new CompletableFuture<?>[keys.size()];
    int i = 0;
    for (String key : keys) {
      slots.acquireUninterruptibly();
      all[i++] =
          fetch
              .apply(key)
              .toCompletableFuture()
              .whenComplete(
                  (value, error) -> {
                    if (error == null) {
                      loaded.put(key, value);
                    }
                    slots.release();
                  });
    }
    // a failed fetch is only a missed shortcut: the synchronous read will try again
    CompletableFuture.allOf(all).exceptionally(error -> null).join();
    answers = loaded;
  }

  /**
   * The prefetched answer, or empty if the key was not part of the window (or its fetch failed).
   */
  Optional<Optional<V>> lookup(String key) {
    return Optional.ofNullable(answers.get(key));
  }

  void forget(String key) {
    answers.remove(key);
  }
}
