package io.protstream.model.bench;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.protstream.model.onnx.GraphBuilder;
import io.protstream.model.onnx.OnnxModelWriter;
import io.protstream.model.runtime.HostTensor;
import io.protstream.model.runtime.OnnxSession;
import io.protstream.model.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The machine's plain fp32 matrix-multiply rate through the same runtime and thread settings: an
 * ONNX graph with a single MatMul of an [m, k] input by a [k, n] weight, sized like the encoder's
 * projections. The product is summed over its rows in the graph, so that copying it out does not
 * count as matrix-multiply time.
 */
public final class MatMulBaseline {

  static final double MIN_SECONDS = 2;

  private MatMulBaseline() {}

  /**
   * GFLOP/s of the best timed run after one warm-up: at least {@code repeats} runs and at least
   * {@link #MIN_SECONDS} of them, so that a moment of other work (the JIT compiler of a fresh JVM)
   * does not decide the result.
   */
  public static double gflops(
      Path workDir, RuntimeOptions options, int m, int k, int n, int repeats) {
    GraphBuilder g = new GraphBuilder("matmul");
    String a = g.input("a", DataType.FLOAT, "m", (long) k);
    String w = g.weight("w", new long[] {k, n}, () -> random(k * n, 1));
    g.output(g.reduceSum(g.matMul(a, w), false, 0), "c", DataType.FLOAT, (long) n);
    Path file = workDir.resolve("matmul.onnx");
    new OnnxModelWriter().write(g, file, Map.of());
    Map<String, HostTensor> input = Map.of("a", HostTensor.ofFloats(random(m * k, 2), m, k));
    try (OnnxSession session = OnnxSession.load(file, options, null)) {
      session.run(input);
      double best = Double.MAX_VALUE;
      double total = 0;
      for (int i = 0; i < repeats || total < MIN_SECONDS; i++) {
        long start = System.nanoTime();
        session.run(input);
        double seconds = (System.nanoTime() - start) / 1e9;
        best = Math.min(best, seconds);
        total += seconds;
      }
      return 2.0 * m * k * n / best / 1e9;
    }
  }

  private static float[] random(int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      v[i] = (float) (r.nextDouble() - 0.5);
    }
    return v;
  }
}
