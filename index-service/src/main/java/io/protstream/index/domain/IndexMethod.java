package io.protstream.index.domain;

import java.util.Locale;

/** The nearest-neighbour implementations a request may choose. */
public enum IndexMethod {
  /** Random-hyperplane LSH with buckets in Cassandra; the default. */
  LSH,
  /** Full scan; the ground truth. */
  EXACT,
  /** Cassandra's storage-attached vector index. */
  SAI;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
