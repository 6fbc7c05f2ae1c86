package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.Reject;
import io.protstream.ingest.domain.UniProtEntry;

/**
 * Receives the outcome of each record, in file order, on the thread that parses. A listener that
 * blocks (for instance until a message is acknowledged) slows the parser down rather than filling
 * memory.
 */
public interface ParseListener {

  void onEntry(UniProtEntry entry);

  void onReject(Reject reject);
}
