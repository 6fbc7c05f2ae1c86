package io.protstream.ingest.domain.ingestion;

import io.protstream.ingest.domain.diff.SequenceChange;
import java.util.concurrent.CompletionStage;

/** Where announced changes go; the stage completes once the change is durably published. */
public interface ChangeSink {

  CompletionStage<Void> announce(SequenceChange change);
}
