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
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs release ingestions one after another, in the order they were requested: releases are diffs
 * against the ledger, so two running at once would race on it.
 */
@ApplicationScoped
public class ReleaseJobs {

  private static final Logger LOG = Logger.getLogger(ReleaseJobs.class);

  private final Map<String, ReleaseJob> jobs = new ConcurrentHashMap<>();
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "release-ingestion"));
  private final ReleaseIngestion ingestion;

  ReleaseJobs(
      IngestConfig config,
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
  }

  public ReleaseJob submit(ReleaseRequest request) {
    ReleaseJob job = new ReleaseJob(UUID.randomUUID().toString(), request);
    jobs.put(job.id(), job);
    runner.execute(() -> run(job));
    return job;
  }

  public Optional<ReleaseJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  public Collection<ReleaseJob> all() {
    return jobs.values();
  }

  private void run(ReleaseJob job) {
    ReleaseRequest request = job.request();
    job.running();
    LOG.infof("release %s: ingesting %s (job %s)", request.releaseId(), request.source(), job.id());
    try (InputStream entries = ReleaseSources.open(request.source());
        InputStream deleted =
            request.deletedAccessions() == null
                ? null
                : ReleaseSources.open(request.deletedAccessions())) {
      var summary =
          ingestion.run(
              new ReleaseIngestion.Release(
                  request.releaseId(), request.source(), entries, deleted, request.isComplete()),
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
      job.failed(e.toString());
      LOG.errorf(
          e, "release %s failed (job %s); it can be run again", request.releaseId(), job.id());
    }
  }

  @PreDestroy
  void stop() {
    runner.shutdownNow();
  }
}
