package io.protstream.ingest.domain.ingestion;

import io.protstream.ingest.domain.Reject;
import java.util.concurrent.CompletionStage;

/** Where rejected records go (the dead-letter topic), with the release they were part of. */
public interface RejectSink {

  CompletionStage<Void> reject(Reject reject, String release);
}
