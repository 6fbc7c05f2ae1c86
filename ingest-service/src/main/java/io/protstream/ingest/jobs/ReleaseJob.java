package io.protstream.ingest.jobs;

import io.protstream.ingest.domain.ingestion.IngestionProgress;
import io.protstream.ingest.domain.parse.ParseSummary;

/** One requested release ingestion and where it stands. */
public final class ReleaseJob {

  /** Where a job stands. */
  public enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  private final String id;
  private final ReleaseRequest request;
  private final IngestionProgress progress = new IngestionProgress();
  private volatile State state = State.QUEUED;
  private volatile String error;
  private volatile ParseSummary summary;

  ReleaseJob(String id, ReleaseRequest request) {
    this.id = id;
    this.request = request;
  }

  public String id() {
    return id;
  }

  public ReleaseRequest request() {
    return request;
  }

  public IngestionProgress progress() {
    return progress;
  }

  public State state() {
    return state;
  }

  public String error() {
    return error;
  }

  public ParseSummary summary() {
    return summary;
  }

  public boolean isFinished() {
    return state == State.SUCCEEDED || state == State.FAILED;
  }

  void running() {
    state = State.RUNNING;
  }

  void succeeded(ParseSummary result) {
    summary = result;
    state = State.SUCCEEDED;
  }

  void failed(String message) {
    error = message;
    state = State.FAILED;
  }
}
