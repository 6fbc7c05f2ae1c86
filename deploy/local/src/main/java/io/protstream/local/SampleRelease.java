package io.protstream.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Sends a release file to an ingest-service and waits for its job to end. */
public final class SampleRelease {

  private SampleRelease() {}

  /** Returns a one-line report: the job's final JSON, or why it did not run. */
  public static String ingest(String ingestUrl, Path file, String release, String token) {
    // not complete: the sample is a slice of a release, so absence from it proves no deletion
    ReleaseJobs.Submission submitted = ReleaseJobs.submit(ingestUrl, file, release, token);
    if (!submitted.accepted()) {
      return "sample release not ingested: " + submitted.refusal();
    }
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    String last = "";
    try {
      while (Instant.now().isBefore(deadline)) {
        last = ReleaseJobs.job(ingestUrl, submitted.jobId(), token);
        if (ReleaseJobs.finished(last)) {
          return "sample release " + release + ": " + last;
        }
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    return "sample release still running: " + last;
  }
}
