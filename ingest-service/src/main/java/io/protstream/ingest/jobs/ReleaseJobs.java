package io.protstream.ingest.jobs;

import io.protstream.ingest.config.IngestConfig;
import io.protstream.ingest.domain.diff.KnownDigests;
import io.protstream.ingest.domain.diff.ReleaseLedger;
import io.protstream.ingest.domain.ingestion.ChangeSink;
import io.protstream.ingest.domain.ingestion.RejectSink;
import io.protstream.ingest.domain.ingestion.ReleaseIngestion;
import io.protstream.ingest.domain.parse.ParserOptions;
import io.protstream.ingest.domain.parse.UniProtReader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs release ingestions one after another, in the order they were requested: releases are diffs
 * against the ledger, so two running at once would race on it. Finished jobs are kept for the API
 * up to {@code protstream.ingest.kept-jobs}; older finished ones are forgotten.
 */
@ApplicationScoped
public class ReleaseJobs {

  private static final Logger LOG = Logger.getLogger(ReleaseJobs.class);

  /** In submission order; guarded by itself. */
  private final Map<String, ReleaseJob> jobs = new LinkedHashMap<>();

  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "release-ingestion"));
  private final ReleaseIngestion ingestion;
  private final ReleaseSources sources;
  private final int keptJobs;

  ReleaseJobs(
      IngestConfig config,
      ReleaseSources sources,
      ReleaseLedger ledger,
      KnownDigests digests,
      ChangeSink changes,
      RejectSink rejects) {
    UniProtReader reader =
        new UniProtReader(
            ParserOptions.defaults().withMaxSequenceLength(config.ingest().maxSequenceLength()));
    this.ingestion =
        new ReleaseIngestion(
            ledger, digests, reader, changes, rejects, config.ingest().window(), Clock.systemUTC());
    this.sources = sources;
    this.keptJobs = Math.max(1, config.ingest().keptJobs());
  }

  /**
   * Queues a release after checking its sources against the allow-lists.
   *
   * @throws SourceRefusedException when a source is not allowed
   */
  public ReleaseJob submit(ReleaseRequest request) {
    sources.check(request.source());
    if (request.deletedAccessions() != null) {
      sources.check(request.deletedAccessions());
    }
    ReleaseJob job = new ReleaseJob(UUID.randomUUID().toString(), request);
    synchronized (jobs) {
      jobs.put(job.id(), job);
    }
    runner.execute(() -> run(job));
    return job;
  }

  public Optional<ReleaseJob> find(String id) {
    synchronized (jobs) {
      return Optional.ofNullable(jobs.get(id));
    }
  }

  /** Every kept job, oldest first. */
  public List<ReleaseJob> all() {
    synchronized (jobs) {
      return new ArrayList<>(jobs.values());
    }
  }

  private void run(ReleaseJob job) {
    ReleaseRequest request = job.request();
    String shownSource = Redaction.url(request.source());
    job.running();
    LOG.infof("release %s: ingesting %s (job %s)", request.releaseId(), shownSource, job.id());
    try (InputStream entries = sources.open(request.source());
        InputStream deleted =
            request.deletedAccessions() == null
                ? null
                : sources.open(request.deletedAccessions())) {
      var summary =
          ingestion.run(
              new ReleaseIngestion.Release(
                  request.releaseId(),
                  shownSource,
                  entries,
                  deleted,
                  request.isComplete(),
                  request.datasetHint()),
              job.progress());
      job.succeeded(summary);
      LOG.infof(
          "release %s: %d entries, %d rejects, changes %s (job %s)",
          request.releaseId(),
          summary.entries(),
          summary.rejects(),
          job.progress().changes(),
          job.id());
    } catch (Exception e) {
      job.failed(describe(e));
      LOG.errorf(
          "release %s failed (job %s); it can be run again: %s",
          request.releaseId(), job.id(), describe(e));
      LOG.debug("release failure", e);
    } finally {
      prune();
    }
  }

  /** One line for the job view: the messages of the failure and its causes, URLs redacted. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null && text.length() < 1000; t = t.getCause()) {
      String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      if (text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(message);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Redaction.url(text.toString().replace('\n', ' '));
  }

  /** Forgets the oldest finished jobs beyond the kept number; queued and running ones stay. */
  private void prune() {
    synchronized (jobs) {
      long finished = jobs.values().stream().filter(ReleaseJob::isFinished).count();
      Iterator<ReleaseJob> oldestFirst = jobs.values().iterator();
      while (finished > keptJobs && oldestFirst.hasNext()) {
        if (oldestFirst.next().isFinished()) {
          oldestFirst.remove();
          finished--;
        }
      }
    }
  }

  @PreDestroy
  void stop() {
    runner.shutdownNow();
  }
}
