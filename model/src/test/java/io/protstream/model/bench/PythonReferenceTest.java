package io.protstream.model.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonReferenceTest {

  @TempDir Path work;

  @Test
  void readsTheScriptsResultLine() {
    PythonReference.Outcome o =
        PythonReference.parse(
            "{\"version\": \"onnxruntime 1.30.0\", \"open_seconds\": 2.5,"
                + " \"seconds\": [4.0, 3.0], \"first_protein\": [0.5, -1.25]}");
    assertTrue(o.ran());
    assertEquals("onnxruntime 1.30.0", o.version());
    assertEquals(2.5, o.openSeconds());
    assertEquals(3.0, o.bestSeconds());
    assertArrayEquals(new float[] {0.5f, -1.25f}, o.firstProtein());
  }

  @Test
  void aMissingInterpreterSkipsThePathWithTheReason() {
    PythonReference.Outcome o =
        new PythonReference(work.resolve("no-such-python").toString(), work)
            .run(
                PythonReference.Kind.ONNX_RUNTIME,
                work.resolve("encoder.onnx"),
                Map.of(),
                List.of(new int[] {5, 1}),
                0,
                1);
    assertFalse(o.ran());
    assertTrue(o.skipped().startsWith("no Python interpreter"), o.skipped());
  }

  @Test
  void anInterpreterThatFailsSkipsThePathWithItsExitCode() {
    // 'false' ignores its arguments and exits 1 without a result line
    PythonReference.Outcome o =
        new PythonReference("false", work)
            .run(
                PythonReference.Kind.TRANSFORMERS,
                work.resolve("encoder.onnx"),
                Map.of(),
                List.of(new int[] {5, 1}),
                0,
                1);
    assertFalse(o.ran());
    assertTrue(o.skipped().startsWith("failed with exit code 1"), o.skipped());
  }

  @Test
  void relativeDifferenceIsOverTheReferencesLargestValue() {
    float[] reference = {2f, -4f, 1f};
    float[] other = {2.5f, -4f, 0f};
    // largest |difference| 1.0 over largest |reference| 4.0
    assertEquals(0.25, ComparisonBenchmark.maxRelativeDifference(other, reference), 1e-12);
  }
}
