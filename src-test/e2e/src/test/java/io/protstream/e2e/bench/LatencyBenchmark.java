package io.protstream.e2e.bench;

import io.protstream.local.LocalService;
import io.protstream.local.ServiceMetrics;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * End-to-end latency from {@code uniprot.sequences.v1} to {@code protein.annotations.v1} through
 * the packaged embed-service and predict-service: first the maximum rate (a burst of sequences,
 * drained as fast as the two services go), then p50/p99 latency of sequences sent at a steady half
 * of that rate. Latency = from handing the event to the producer to the annotation event becoming
 * visible to a read_committed consumer.
 *
 * <p>Usage: {@code LatencyBenchmark MODEL_DIR [BURST [STEADY_SECONDS [MAX_LENGTH]]]}.
 */
public final class LatencyBenchmark {

  private LatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]).toAbsolutePath();
    int burst = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    int steadySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int maxLength = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    try (BenchStack stack = new BenchStack("latency")) {
      String kafka = stack.startKafka();
      stack.env("PROTSTREAM_EMBED_MODEL_DIRECTORY", model.toString());
      stack.env("PROTSTREAM_PREDICT_MODEL_DIRECTORY", model.toString());
      LocalService embed = stack.start("embed-service", Duration.ofMinutes(5));
      LocalService predict = stack.start("predict-service", Duration.ofMinutes(5));
      try (BenchEvents.CommittedWatch watch =
              new BenchEvents.CommittedWatch(kafka, List.of(Topics.ANNOTATIONS));
          KafkaProducer<String, byte[]> producer = BenchEvents.producer(kafka)) {
        long serial = 0;
        // warm-up: a few sequences through both services
        List<ProteinSequence> warm = BenchEvents.lengthMix(20, maxLength, 1);
        for (ProteinSequence s : warm) {
          BenchEvents.send(producer, BenchEvents.accession(serial++), s.sequence());
        }
        producer.flush();
        require(watch.awaitAll(digests(warm), Duration.ofMinutes(5), watch.annotations), "warm-up");

        // 1. maximum rate: a burst, drained as fast as it goes
        List<ProteinSequence> burstSet = BenchEvents.lengthMix(burst, maxLength, 2);
        long start = System.nanoTime();
        for (ProteinSequence s : burstSet) {
          BenchEvents.send(producer, BenchEvents.accession(serial++), s.sequence());
        }
        producer.flush();
        long done = watch.awaitAll(digests(burstSet), Duration.ofMinutes(10), watch.annotations);
        require(done, "burst");
        double maxRate = burst / ((done - start) / 1e9);
        System.out.printf(
            Locale.ROOT,
            "maximum rate: %,d sequences (%,d residues) in %.1f s = %.1f sequences/s,"
                + " %.0f residues/s%n",
            burst,
            BenchEvents.residues(burstSet),
            (done - start) / 1e9,
            maxRate,
            BenchEvents.residues(burstSet) / ((done - start) / 1e9));

        // 2. steady half rate: paced sends, latency per sequence
        double rate = maxRate / 2;
        int steady = (int) Math.max(20, Math.round(rate * steadySeconds));
        List<ProteinSequence> steadySet = BenchEvents.lengthMix(steady, maxLength, 3);
        List<String> steadyDigests = digests(steadySet);
        long[] sentAt = new long[steady];
        long begin = System.nanoTime();
        for (int i = 0; i < steady; i++) {
          long due = begin + (long) (i * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          sentAt[i] = System.nanoTime();
          BenchEvents.send(producer, BenchEvents.accession(serial++), steadySet.get(i).sequence());
        }
        double sendSeconds = (System.nanoTime() - begin) / 1e9;
        producer.flush();
        require(watch.awaitAll(steadyDigests, Duration.ofMinutes(5), watch.annotations), "steady");
        double[] latencies = new double[steady];
        for (int i = 0; i < steady; i++) {
          latencies[i] = (watch.annotations.get(steadyDigests.get(i)) - sentAt[i]) / 1e6;
        }
        Arrays.sort(latencies);
        String embedMetrics = ServiceMetrics.scrape(embed.port());
        String predictMetrics = ServiceMetrics.scrape(predict.port());
        System.out.printf(
            Locale.ROOT,
            "steady rate: %,d sequences at %.1f/s (half the maximum; %.1f/s achieved) for %.0f s%n",
            steady,
            rate,
            steady / sendSeconds,
            sendSeconds);
        System.out.printf(
            Locale.ROOT,
            "latency uniprot.sequences.v1 -> protein.annotations.v1 (committed): p50 %.0f ms,"
                + " p90 %.0f ms, p99 %.0f ms, max %.0f ms%n",
            percentile(latencies, 0.50),
            percentile(latencies, 0.90),
            percentile(latencies, 0.99),
            latencies[latencies.length - 1]);
        System.out.printf(
            Locale.ROOT,
            "since start: embed-service %.1f sequences per encoder batch, mean encoder time %.0f"
                + " ms per batch; predict-service %.1f matrices per heads batch, mean heads time"
                + " %.0f ms per batch%n",
            ServiceMetrics.mean(embedMetrics, "protstream_embed_batch_sequences"),
            1000 * ServiceMetrics.mean(embedMetrics, "protstream_embed_model_seconds"),
            ServiceMetrics.mean(predictMetrics, "protstream_predict_batch_matrices"),
            1000 * ServiceMetrics.mean(predictMetrics, "protstream_predict_heads_seconds"));
      }
    }
  }

  private static List<String> digests(List<ProteinSequence> set) {
    List<String> out = new ArrayList<>(set.size());
    set.forEach(s -> out.add(BenchEvents.digest(s.sequence())));
    return out;
  }

  private static void require(long done, String what) {
    if (done < 0) {
      throw new IllegalStateException(what + ": not every annotation came out in time");
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
