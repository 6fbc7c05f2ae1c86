package io.protstream.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows released sequences through the pipeline by the services' own counters: the distinct
 * sequences embed-service embedded, the annotation events predict-service produced, and the vectors
 * and annotations index-service stored; and by the consumer groups' lag.
 */
final class PipelineProgress {

  static final String EMBEDDED = "protstream_embed_sequences_total";
  static final String ANNOTATED = "protstream_predict_annotations_total";
  static final String EMBED_DEAD = "protstream_embed_dead_letters_total";
  static final String PREDICT_DEAD = "protstream_predict_dead_letters_total";
  static final String INDEXED = "protstream_index_embeddings_stored_total";
  static final String INDEXED_ANNOTATIONS = "protstream_index_annotations_stored_total";
  private static final Duration SETTLED = Duration.ofSeconds(3);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(2);

  /** The groups of the pipeline and what each reads: all must have drained. */
  static final Map<String, List<String>> STAGES =
      Map.of(
          "embed-service",
          List.of("uniprot.sequences.v1"),
          "predict-service",
          List.of("protein.residue-embeddings.v1"),
          "index-service",
          List.of("uniprot.sequences.v1", "protein.embeddings.v1", "protein.annotations.v1"));

  private PipelineProgress() {}

  /** The pipeline's counters at one moment. */
  record Counters(double embedded, double annotated, double indexed, double indexedAnnotations) {

    static Counters read() {
      String embed = ServiceMetrics.scrape(port("embed-service"));
      String predict = ServiceMetrics.scrape(port("predict-service"));
      String index = ServiceMetrics.scrape(port("index-service"));
      return new Counters(
          ServiceMetrics.sum(embed, EMBEDDED),
          ServiceMetrics.sum(predict, ANNOTATED),
          ServiceMetrics.sum(index, INDEXED),
          ServiceMetrics.sum(index, INDEXED_ANNOTATIONS));
    }

    Counters minus(Counters o) {
      return new Counters(
          embedded - o.embedded,
          annotated - o.annotated,
          indexed - o.indexed,
          indexedAnnotations - o.indexedAnnotations);
    }
  }

  /**
   * Waits until predict-service has annotated every sequence embed-service embedded and neither
   * count moved for a few seconds; returns a one-line report.
   */
  static String awaitAnnotations(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    double lastEmbedded = -1;
    double lastAnnotated = -1;
    Instant stableSince = Instant.now();
    while (Instant.now().isBefore(deadline)) {
      String embed = ServiceMetrics.scrape(port("embed-service"));
      String predict = ServiceMetrics.scrape(port("predict-service"));
      double embedded = ServiceMetrics.sum(embed, EMBEDDED);
      double annotated = ServiceMetrics.sum(predict, ANNOTATED);
      if (embedded != lastEmbedded || annotated != lastAnnotated) {
        lastEmbedded = embedded;
        lastAnnotated = annotated;
        stableSince = Instant.now();
        System.out.printf(
            "pipeline: %.0f sequences embedded, %.0f annotation events%n", embedded, annotated);
      } else if (embedded > 0
          && annotated >= embedded
          && Instant.now().isAfter(stableSince.plus(SETTLED))) {
        return String.format(
            "sample release annotated: %.0f sequences embedded, %.0f annotation events on"
                + " protein.annotations.v1 (dead letters: embed %.0f, predict %.0f)",
            embedded,
            annotated,
            ServiceMetrics.sum(embed, EMBED_DEAD),
            ServiceMetrics.sum(predict, PREDICT_DEAD));
      }
      if (!pause(Duration.ofMillis(500))) {
        break;
      }
    }
    return String.format(
        "sample release NOT fully annotated after %s: %.0f sequences embedded, %.0f annotation"
            + " events; see the service logs",
        timeout, lastEmbedded, lastAnnotated);
  }

  /**
   * Prints the progress of a release job (entries parsed, sequences embedded, annotated, indexed,
   * consumer lag) every few seconds until the job has ended and the pipeline has drained: every
   * consumer group has read all there is and no counter moved for a few seconds. Counts are this
   * release's: the services' counters minus their values at {@code before}.
   */
  static String followRelease(
      String ingestUrl,
      String jobId,
      String token,
      String bootstrapServers,
      Counters before,
      Duration timeout) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    Counters last = null;
    Instant stableSince = start;
    String job = "";
    while (Instant.now().isBefore(deadline)) {
      job = ReleaseJobs.job(ingestUrl, jobId, token);
      Counters now = Counters.read().minus(before);
      List<ConsumerLag> lags = lags(bootstrapServers);
      long lag = lags.stream().mapToLong(ConsumerLag::lag).sum();
      boolean drained = !lags.isEmpty() && lags.stream().allMatch(ConsumerLag::drained);
      if (!now.equals(last)) {
        stableSince = Instant.now();
        last = now;
      }
      System.out.println(line(job, now, lag, Duration.between(start, Instant.now())));
      if (ReleaseJobs.finished(job)
          && drained
          && Instant.now().isAfter(stableSince.plus(SETTLED))) {
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        return String.format(
            Locale.ROOT,
            "release %s in %.0f s: %,d entries parsed (%,d rejected), %,.0f sequences embedded,"
                + " %,.0f annotated, %,.0f vectors and %,.0f annotations indexed; the pipeline"
                + " has drained",
            ReleaseJobs.state(job),
            seconds,
            ReleaseJobs.entries(job),
            ReleaseJobs.rejects(job),
            now.embedded(),
            now.annotated(),
            now.indexed(),
            now.indexedAnnotations());
      }
      if (!pause(REPORT_EVERY)) {
        break;
      }
    }
    return "the pipeline had NOT drained after " + timeout + "; last job view: " + job;
  }

  static String line(String job, Counters c, long lag, Duration elapsed) {
    return String.format(
        Locale.ROOT,
        "%4ds  parsed %,d entries (%s) | embedded %,.0f | annotated %,.0f | indexed %,.0f"
            + " vectors, %,.0f annotations | lag %,d",
        elapsed.toSeconds(),
        ReleaseJobs.entries(job),
        job.isEmpty() ? "ingest-service not answering" : ReleaseJobs.state(job),
        c.embedded(),
        c.annotated(),
        c.indexed(),
        c.indexedAnnotations(),
        lag);
  }

  private static List<ConsumerLag> lags(String bootstrapServers) {
    try {
      return ConsumerLag.of(bootstrapServers, STAGES);
    } catch (IllegalStateException e) {
      return List.of();
    }
  }

  static int port(String service) {
    return LocalService.ALL.stream()
        .filter(s -> s.name().equals(service))
        .findFirst()
        .orElseThrow()
        .port();
  }

  private static boolean pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
