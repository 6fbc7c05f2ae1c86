package io.protstream.index.storage;

import io.protstream.index.config.IndexConfig;
import java.util.Optional;

/**
 * The LSH settings: bits per table (k), tables (L), extra probes per table, and the hyperplane seed
 * used when the index is created (random when empty).
 */
public record LshParameters(int bits, int tables, int probes, Optional<Long> seed) {

  static LshParameters of(IndexConfig.Lsh lsh) {
    return new LshParameters(lsh.bits(), lsh.tables(), lsh.probes(), lsh.seed());
  }
}
