package io.protstream.e2e.bench;

import io.protstream.local.ConsumerLag;
import io.protstream.local.LocalService;
import io.protstream.local.ReleaseJobs;
import io.protstream.local.ServiceMetrics;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.RuntimeOptions;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pipeline speed end to end: a generated UniProt FASTA release of distinct sequences (UniProt-like
 * length mix, random order) posted to the packaged ingest-service, until index-service has stored
 * every entry and every vector (searchable) and every annotation; Kafka, Cassandra and the four
 * services as separate processes. The baseline, measured in the same run before the services start:
 * the encoder alone ({@link ProtT5Model#embed}) on the same sequences. Prints per-stage progress
 * and consumer lag while it runs, then each stage's throughput, to show the bottleneck.
 *
 * <p>Usage: {@code PipelineSpeedBenchmark MODEL_DIR [SEQUENCES [MAX_LENGTH [SEED]]]}.
 */
public final class PipelineSpeedBenchmark {

  private static final String EMBEDDED = "protstream_embed_sequences_total";
  private static final String ANNOTATED = "protstream_predict_annotations_total";
  private static final String VECTORS = "protstream_index_embeddings_stored_total";
  private static final String ENTRIES = "protstream_index_entries_stored_total";
  private static final String INDEXED_ANNOTATIONS = "protstream_index_annotations_stored_total";

  private PipelineSpeedBenchmark() {}

  /** When each stage first moved, how far it got, and when it had all N. */
  private static final class Stage {
    final String name;
    double first = -1;
    double last = -1;
    double count;

    Stage(String name) {
      this.name = name;
    }

    void observe(double count, int all, double at) {
      this.count = count;
      if (count > 0 && first < 0) {
        first = at;
      }
      if (count >= all && last < 0) {
        last = at;
      }
    }

    /** Items per second while the stage was active (until now if it has not finished). */
    double rate(double now) {
      double end = last >= 0 ? last : now;
      return first < 0 ? 0 : count / Math.max(end - first, 1e-3);
    }
  }

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]).toAbsolutePath();
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int maxLength = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 11;
    List<ProteinSequence> set = BenchEvents.lengthMix(count, maxLength, seed);
    long residues = BenchEvents.residues(set);
    System.out.printf(
        Locale.ROOT,
        "model %s; %,d distinct sequences, %,d residues (UniProt-like length mix, 30..%d, random"
            + " order); %d processors%n",
        model,
        count,
        residues,
        maxLength,
        Runtime.getRuntime().availableProcessors());

    // baseline: the encoder alone on the same sequences, with embed-service's batch limits
    double encoderSeconds;
    try (ProtT5Model direct = ProtT5Model.open(model, RuntimeOptions.cpu(), BatchLimits.DEFAULT)) {
      direct.embed(List.of(set.get(0)));
      long start = System.nanoTime();
      direct.embed(set);
      encoderSeconds = (System.nanoTime() - start) / 1e9;
    }
    System.out.printf(
        Locale.ROOT,
        "encoder alone: %.1f s, %.1f sequences/s, %.0f residues/s%n",
        encoderSeconds,
        count / encoderSeconds,
        residues / encoderSeconds);

    try (BenchStack stack = new BenchStack("pipeline-speed")) {
      Path releaseDir = Files.createDirectories(stack.dir().resolve("release"));
      Path release = writeFasta(releaseDir.resolve("bench.fasta"), set);
      String kafka = stack.startKafka();
      stack.startCassandra();
      stack.env("PROTSTREAM_INGEST_SOURCE_DIRECTORIES", releaseDir.toString());
      stack.env("PROTSTREAM_EMBED_MODEL_DIRECTORY", model.toString());
      stack.env("PROTSTREAM_PREDICT_MODEL_DIRECTORY", model.toString());
      LocalService embed = stack.start("embed-service", Duration.ofMinutes(10));
      stack.env("PROTSTREAM_EMBED_URL", "http://127.0.0.1:" + embed.port());
      LocalService predict = stack.start("predict-service", Duration.ofMinutes(5));
      LocalService index = stack.start("index-service", Duration.ofMinutes(5));
      LocalService ingest = stack.start("ingest-service", Duration.ofMinutes(5));
      String ingestUrl = "http://127.0.0.1:" + ingest.port();

      Stage parse = new Stage("ingest (parse, diff, ledger, publish)");
      Stage embedding = new Stage("embed-service (encoder, both topics)");
      Stage predicting = new Stage("predict-service (heads)");
      Stage indexVectors = new Stage("index-service vectors");
      Stage indexEntries = new Stage("index-service entries");
      Stage indexAnnotations = new Stage("index-service annotations");
      Map<String, Long> maxLag = new LinkedHashMap<>();

      long start = System.nanoTime();
      ReleaseJobs.Submission job =
          ReleaseJobs.submit(ingestUrl, release, "2099_01", BenchStack.TOKEN);
      if (!job.accepted()) {
        throw new IllegalStateException("release refused: " + job.refusal());
      }
      double searchable = -1;
      double lastPrint = -10;
      double timeout =
          Double.parseDouble(
              System.getenv().getOrDefault("BENCH_TIMEOUT_SECONDS", Double.toString(480)));
      double t = 0;
      while (true) {
        t = (System.nanoTime() - start) / 1e9;
        String jobView = ReleaseJobs.job(ingestUrl, job.jobId(), BenchStack.TOKEN);
        String e = ServiceMetrics.scrape(embed.port());
        String p = ServiceMetrics.scrape(predict.port());
        String x = ServiceMetrics.scrape(index.port());
        long entries = ReleaseJobs.entries(jobView);
        boolean ingested = ReleaseJobs.finished(jobView);
        parse.observe(entries, ingested ? (int) entries : Integer.MAX_VALUE, t);
        embedding.observe(ServiceMetrics.sum(e, EMBEDDED), count, t);
        predicting.observe(ServiceMetrics.sum(p, ANNOTATED), count, t);
        indexVectors.observe(ServiceMetrics.sum(x, VECTORS), count, t);
        indexEntries.observe(ServiceMetrics.sum(x, ENTRIES), count, t);
        indexAnnotations.observe(ServiceMetrics.sum(x, INDEXED_ANNOTATIONS), count, t);
        List<ConsumerLag> lags = lags(kafka);
        for (ConsumerLag lag : lags) {
          maxLag.merge(lag.group() + " on " + lag.topic(), lag.lag(), Math::max);
        }
        if (t - lastPrint >= 5) {
          lastPrint = t;
          StringBuilder lagText = new StringBuilder();
          for (ConsumerLag lag : lags) {
            if (!lag.group().startsWith("bench")) {
              lagText.append(
                  String.format(" %s/%s=%d", lag.group(), abbreviated(lag.topic()), lag.lag()));
            }
          }
          System.out.printf(
              Locale.ROOT,
              "%6.1f s  parsed %,d (%s)  embedded %,.0f  annotated %,.0f  index: entries %,.0f"
                  + " vectors %,.0f annotations %,.0f | lag%s%n",
              t,
              entries,
              ReleaseJobs.state(jobView),
              ServiceMetrics.sum(e, EMBEDDED),
              ServiceMetrics.sum(p, ANNOTATED),
              ServiceMetrics.sum(x, ENTRIES),
              ServiceMetrics.sum(x, VECTORS),
              ServiceMetrics.sum(x, INDEXED_ANNOTATIONS),
              lagText);
        }
        if (searchable < 0 && indexVectors.last >= 0 && indexEntries.last >= 0) {
          searchable = Math.max(indexVectors.last, indexEntries.last);
        }
        if (searchable >= 0 && indexAnnotations.last >= 0) {
          break;
        }
        if (t > timeout) {
          System.out.printf(
              Locale.ROOT,
              "%nNOT FINISHED within %.0f s (BENCH_TIMEOUT_SECONDS); logs in %s%n",
              timeout,
              stack.dir());
          break;
        }
        Thread.sleep(250);
      }
      double annotatedAll = indexAnnotations.last;
      System.out.println();
      if (searchable >= 0) {
        System.out.println("spot check: " + spotCheck(index.port(), count));
        System.out.printf(
            Locale.ROOT,
            "end to end (ingest -> searchable: entry and vector in index-service): %.1f s,"
                + " %.1f sequences/s, %.0f residues/s%n",
            searchable,
            count / searchable,
            residues / searchable);
        System.out.printf(
            Locale.ROOT,
            "pipeline / encoder alone (sequences/s): %.3f%n",
            encoderSeconds / searchable);
      }
      if (annotatedAll >= 0) {
        System.out.printf(
            Locale.ROOT,
            "end to end (ingest -> predicted annotations indexed too): %.1f s, %.1f sequences/s,"
                + " %.0f residues/s%n",
            annotatedAll,
            count / annotatedAll,
            residues / annotatedAll);
      }
      System.out.println(
          "stages (first progress .. all done, items reached, items/s while active; the slowest"
              + " is the bottleneck):");
      for (Stage s :
          List.of(parse, embedding, predicting, indexEntries, indexVectors, indexAnnotations)) {
        System.out.printf(
            Locale.ROOT,
            "  %-40s %6.1f .. %s  %,7.0f  %8.1f /s%n",
            s.name,
            s.first,
            s.last >= 0 ? String.format(Locale.ROOT, "%6.1f s", s.last) : "   n/a  ",
            s.count,
            s.rate(t));
      }
      System.out.println("largest consumer lag seen (records):");
      maxLag.forEach(
          (k, v) -> {
            if (!k.startsWith("bench")) {
              System.out.printf("  %-60s %,d%n", k, v);
            }
          });
      String e = ServiceMetrics.scrape(embed.port());
      System.out.printf(
          Locale.ROOT,
          "embed-service: %.1f sequences per encoder batch, padding fraction %.1f %% (mean over"
              + " batches), encoder time %.1f s of %.1f s%n",
          ServiceMetrics.mean(e, "protstream_embed_batch_sequences"),
          100 * ServiceMetrics.mean(e, "protstream_embed_batch_padding_fraction"),
          ServiceMetrics.sum(e, "protstream_embed_model_seconds_sum"),
          searchable);
    }
  }

  private static String abbreviated(String topic) {
    return topic.replace("protein.", "").replace("uniprot.", "").replace(".v1", "");
  }

  private static List<ConsumerLag> lags(String kafka) {
    try {
      return ConsumerLag.of(kafka);
    } catch (IllegalStateException e) {
      return List.of();
    }
  }

  /** UniProtKB FASTA, 60 residues a line, one reviewed entry per sequence. */
  private static Path writeFasta(Path file, List<ProteinSequence> set) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < set.size(); i++) {
        String accession = BenchEvents.accession(i);
        out.write(
            ">sp|"
                + accession
                + "|BENCH"
                + i
                + "_HUMAN Benchmark protein "
                + i
                + " OS=Homo sapiens OX=9606 GN=BENCH"
                + i
                + " PE=1 SV=1\n");
        String s = set.get(i).sequence();
        for (int j = 0; j < s.length(); j += 60) {
          out.write(s, j, Math.min(60, s.length() - j));
          out.write('\n');
        }
      }
    }
    return file;
  }

  /** A few accessions looked up through the search API. */
  private static String spotCheck(int port, int count) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    StringBuilder out = new StringBuilder();
    for (int i : new int[] {0, count / 2, count - 1}) {
      String accession = BenchEvents.accession(i);
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/proteins/" + accession))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      out.append(accession).append(" HTTP ").append(r.statusCode()).append("; ");
    }
    return out.toString();
  }
}
