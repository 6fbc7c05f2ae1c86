package io.protstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sees one release through ingest-service whatever happens to it: submits the file, follows the
 * job, and submits it again (same release id, same file) when the job failed or the service no
 * longer knows it because it was restarted, as an operator would. Running a release again re-sends
 * at most the window that was not yet committed to the ledger.
 */
final class ReleaseDriver implements AutoCloseable {

  private static final int MAX_SUBMISSIONS = 50;

  private final ReleaseClient client;
  private final Path file;
  private final String releaseId;
  private final Instant origin;
  private final List<String> submissions = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile JsonNode finalJob;

  ReleaseDriver(ReleaseClient client, Path file, String releaseId, Instant origin) {
    this.client = client;
    this.file = file;
    this.releaseId = releaseId;
    this.origin = origin;
    this.thread = new Thread(this::drive, "release-driver");
    thread.setDaemon(true);
    thread.start();
  }

  boolean succeeded() {
    return finalJob != null;
  }

  JsonNode finalJob() {
    return finalJob;
  }

  synchronized List<String> submissions() {
    return List.copyOf(submissions);
  }

  private synchronized void note(String line) {
    submissions.add(
        String.format(
            "%6.1f s  %s", Duration.between(origin, Instant.now()).toMillis() / 1000.0, line));
  }

  private void drive() {
    int attempts = 0;
    while (!stopped && attempts < MAX_SUBMISSIONS) {
      String id;
      try {
        id = client.submit(file, releaseId, false);
        attempts++;
        note("submitted release " + releaseId + " as job " + id);
      } catch (IOException e) {
        pause(500); // ingest-service is down or not ready
        continue;
      } catch (InterruptedException e) {
        return;
      }
      while (!stopped) {
        JsonNode job;
        try {
          job = client.job(id);
        } catch (IOException e) {
          // down for a restart, or busy: once it is back it knows the job or answers 404
          pause(500);
          continue;
        } catch (InterruptedException e) {
          return;
        }
        if (job == null) {
          note("job " + id + ": unknown to ingest-service (restarted)");
          break;
        }
        if (job.path("state").asText().equals("SUCCEEDED")) {
          note(
              "job "
                  + id
                  + " SUCCEEDED: "
                  + job.path("entries").asLong()
                  + " entries, "
                  + job.path("rejects").asLong()
                  + " rejects, changes "
                  + job.path("changes"));
          finalJob = job;
          return;
        }
        if (job.path("state").asText().equals("FAILED")) {
          note("job " + id + " FAILED: " + job.path("error").asText());
          pause(1000);
          break;
        }
        pause(200);
      }
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      stopped = true;
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join(10_000);
  }
}
