package io.protstream.ingest.rest;

import io.protstream.ingest.jobs.Redaction;
import io.protstream.ingest.jobs.ReleaseJob;
import java.time.Instant;
import java.util.Map;

/** A release job as the API shows it; credentials in its source URL are hidden. */
public record JobView(
    String id,
    String releaseId,
    String source,
    String state,
    String error,
    long entries,
    long rejects,
    double entriesPerSecond,
    Map<String, Long> changes,
    Boolean completeInput,
    Instant started,
    Instant finished) {

  static JobView of(ReleaseJob job) {
    var progress = job.progress();
    Map<String, Long> changes = new java.util.LinkedHashMap<>();
    progress.changes().forEach((kind, count) -> changes.put(kind.name(), count));
    return new JobView(
        job.id(),
        job.request().releaseId(),
        Redaction.url(job.request().source()),
        job.state().name(),
        job.error(),
        progress.entries(),
        progress.rejects(),
        Math.round(progress.entriesPerSecond(Instant.now()) * 10) / 10.0,
        changes,
        job.summary() == null ? null : job.summary().complete(),
        progress.started(),
        progress.finished());
  }
}
