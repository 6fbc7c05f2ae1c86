package io.protstream.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.onnx.T5Config;
import io.protstream.model.pipeline.DemoModels;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.RuntimeOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderBenchmarkTest {

  @TempDir Path dir;

  @Test
  void lengthMixIsFixedAndUniProtLike() {
    List<ProteinSequence> a = LengthMix.sequences(400, 1000, 7);
    assertEquals(a, LengthMix.sequences(400, 1000, 7));
    int[] lengths = a.stream().mapToInt(s -> s.sequence().length()).sorted().toArray();
    int median = lengths[lengths.length / 2];
    assertTrue(median > 220 && median < 380, "median " + median);
    assertTrue(lengths[0] >= 30 && lengths[lengths.length - 1] <= 1000);
  }

  @Test
  void flopsOfTheXlEncoderAreAboutTwiceItsParametersPerToken() {
    double perToken = EncoderFlops.batch(T5Config.PROT_T5_XL, 1, 1);
    // 1.2 billion weights in the 24 blocks, one multiply-add each
    assertTrue(perToken > 2.3e9 && perToken < 2.5e9, "flops " + perToken);
  }

  @Test
  void measuresATinyModel() {
    Manifest m = DemoModels.create(DemoModels.Size.TINY, 1, dir.resolve("model"));
    EncoderBenchmark.Result r =
        EncoderBenchmark.run(
            dir.resolve("model").resolve(m.encoder().file()),
            DemoModels.Size.TINY.config(),
            RuntimeOptions.cpu(),
            BatchLimits.DEFAULT,
            LengthMix.sequences(8, 300, 1),
            dir,
            new PrintStream(new ByteArrayOutputStream()));
    assertEquals(8, r.proteins());
    assertTrue(r.residuesPerSecond() > 0 && r.matmulGflops() > 0 && r.encoderGflops() > 0);
    assertTrue(r.paddingFraction() >= 0 && r.paddingFraction() < 0.2);
  }
}
