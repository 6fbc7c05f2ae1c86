package io.protstream.e2e.bench;

import io.protstream.local.LocalService;
import io.protstream.local.ServiceMetrics;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.batching.TokenBudgetBatcher;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Pipeline overhead of embed-service: sequences/s and residues/s through the packaged service
 * (events produced to {@code uniprot.sequences.v1}, until every sequence's per-protein event and
 * complete residue matrix are committed on the two output topics) against {@link ProtT5Model}
 * called directly on the same sequences, in the same run. Also prints the padding embed-service
 * reports at {@code /q/metrics} for a UniProt-like length mix arriving in random order.
 *
 * <p>Usage: {@code EmbedOverheadBenchmark MODEL_DIR [SEQUENCES [MAX_LENGTH [SEED]]]}.
 */
public final class EmbedOverheadBenchmark {

  private EmbedOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]).toAbsolutePath();
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int maxLength = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
    List<ProteinSequence> set = BenchEvents.lengthMix(count, maxLength, seed);
    long residues = BenchEvents.residues(set);
    // embed-service's defaults (protstream.embed.max-batch-size, -tokens, max-sequence-length, ...)
    BatchLimits limits = BatchLimits.DEFAULT;
    System.out.printf(
        Locale.ROOT,
        "model %s; %,d sequences, %,d residues (UniProt-like length mix, 30..%d, random order);"
            + " %d processors%n",
        model,
        count,
        residues,
        maxLength,
        Runtime.getRuntime().availableProcessors());

    // 1. the encoder called directly, the whole set at once (sorted and cut by the batcher)
    double directSeconds;
    try (ProtT5Model direct = ProtT5Model.open(model, RuntimeOptions.cpu(), limits)) {
      direct.embed(List.of(set.get(0))); // per-shape set-up out of the timing, as for the service
      long start = System.nanoTime();
      direct.embed(set);
      directSeconds = (System.nanoTime() - start) / 1e9;
    }
    List<Integer> tokens = set.stream().map(s -> s.sequence().length() + 1).toList();
    double directPadding =
        TokenBudgetBatcher.paddingFraction(
            new TokenBudgetBatcher(limits).batches(tokens, t -> t), t -> t);

    // 2. the same sequences through the packaged embed-service
    double serviceSeconds;
    String metrics;
    try (BenchStack stack = new BenchStack("embed-overhead")) {
      String kafka = stack.startKafka();
      stack.env("PROTSTREAM_EMBED_MODEL_DIRECTORY", model.toString());
      LocalService embed = stack.start("embed-service", Duration.ofMinutes(10));
      try (BenchEvents.CommittedWatch watch =
              new BenchEvents.CommittedWatch(
                  kafka, List.of(Topics.PROTEIN_EMBEDDINGS, Topics.RESIDUE_EMBEDDINGS));
          KafkaProducer<String, byte[]> producer = BenchEvents.producer(kafka)) {
        // warm-up: one sequence through, as the direct run embedded one first
        String warm = set.get(0).sequence().substring(1);
        BenchEvents.send(producer, "W00AAA0AA0", warm);
        producer.flush();
        if (watch.awaitAll(
                List.of(BenchEvents.digest(warm)),
                Duration.ofMinutes(10),
                watch.proteins,
                watch.residueMatrices)
            < 0) {
          throw new IllegalStateException("the warm-up sequence never came out; see the logs");
        }
        String before = ServiceMetrics.scrape(embed.port());
        List<String> digests =
            set.stream().map(s -> BenchEvents.digest(s.sequence())).distinct().toList();
        long start = System.nanoTime();
        for (int i = 0; i < set.size(); i++) {
          BenchEvents.send(producer, BenchEvents.accession(i), set.get(i).sequence());
        }
        producer.flush();
        long done =
            watch.awaitAll(
                digests,
                Duration.ofSeconds((long) (directSeconds * 20) + 300),
                watch.proteins,
                watch.residueMatrices);
        if (done < 0) {
          throw new IllegalStateException(
              "not every sequence came out of embed-service in time; see " + stack.dir());
        }
        serviceSeconds = (done - start) / 1e9;
        metrics = since(before, ServiceMetrics.scrape(embed.port()));
      }
    }

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "direct ProtT5Model.embed:  %8.1f s  %8.2f sequences/s  %10.1f residues/s  padding %.1f"
            + " %%%n",
        directSeconds,
        count / directSeconds,
        residues / directSeconds,
        100 * directPadding);
    System.out.printf(
        Locale.ROOT,
        "through embed-service:     %8.1f s  %8.2f sequences/s  %10.1f residues/s%n",
        serviceSeconds,
        count / serviceSeconds,
        residues / serviceSeconds);
    System.out.printf(
        Locale.ROOT,
        "service / direct:          %8.3f  (goal >= 0.9)%n",
        directSeconds / serviceSeconds);
    System.out.println(metrics);
  }

  /** embed-service's batch meters over the measured stream only (warm-up subtracted). */
  private static String since(String before, String after) {
    String padding = "protstream_embed_batch_padding_fraction";
    String batch = "protstream_embed_batch_sequences";
    String model = "protstream_embed_model_seconds";
    double batches = delta(before, after, padding + "_count");
    double paddingSum = delta(before, after, padding + "_sum");
    double sequences = delta(before, after, batch + "_sum");
    double modelSeconds = delta(before, after, model + "_sum");
    double loopBatches = delta(before, after, "protstream_loop_batch_records_count");
    double loopRecords = delta(before, after, "protstream_loop_batch_records_sum");
    return String.format(
        Locale.ROOT,
        "embed-service /q/metrics: %.0f encoder batches, %.1f sequences per batch, padding"
            + " fraction %.1f %% (mean over batches, %s: max %.1f %% since start), encoder time"
            + " %.1f s; %.0f transactions of %.1f records each",
        batches,
        sequences / batches,
        100 * paddingSum / batches,
        padding,
        100 * ServiceMetrics.sum(after, padding + "_max"),
        modelSeconds,
        loopBatches,
        loopRecords / loopBatches);
  }

  private static double delta(String before, String after, String name) {
    return ServiceMetrics.sum(after, name) - ServiceMetrics.sum(before, name);
  }
}
