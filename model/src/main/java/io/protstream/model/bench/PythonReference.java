package io.protstream.model.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark set through the same encoder graph outside the JVM, with the Python script
 * shipped beside this class: ONNX Runtime from Python, or Hugging Face transformers with the
 * graph's weights. A path whose Python packages are missing is reported as skipped, not failed.
 */
public final class PythonReference {

  /** Which Python implementation runs the encoder. */
  public enum Kind {
    ONNX_RUNTIME("ort"),
    TRANSFORMERS("hf");

    private final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  /**
   * One path's outcome.
   *
   * @param skipped why the path did not run; null when it ran
   * @param seconds one wall time per repeat over the whole set
   * @param firstProtein the per-protein vector of the set's first sequence
   */
  public record Outcome(
      String version,
      double openSeconds,
      List<Double> seconds,
      float[] firstProtein,
      String skipped) {

    public boolean ran() {
      return skipped == null;
    }

    public double bestSeconds() {
      return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static Outcome skipped(String reason) {
      return new Outcome(null, Double.NaN, List.of(), null, reason);
    }
  }

  static final String SCRIPT = "compare_encoder.py";

  /** A path that has not answered in this time is stopped: the XL set takes minutes, not hours. */
  private static final long TIMEOUT_MINUTES = 60;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String python;
  private final Path workDir;

  /**
   * @param python the interpreter to start (a name looked up on PATH, or a path)
   * @param workDir where the script and its request file are written
   */
  public PythonReference(String python, Path workDir) {
    this.python = python;
    this.workDir = workDir;
  }

  /**
   * @param sequences token ids, each ending in {@code </s>}, run one per call in this order
   * @param config the encoder's {@code config.json} keys
   * @param threads intra-op threads; 0 leaves the library's default (all cores)
   */
  public Outcome run(
      Kind kind,
      Path encoderOnnx,
      Map<String, Object> config,
      List<int[]> sequences,
      int threads,
      int repeats) {
    Path script = workDir.resolve(SCRIPT);
    Path request = workDir.resolve("request-" + kind.key + ".json");
    try {
      try (InputStream in = PythonReference.class.getResourceAsStream(SCRIPT)) {
        Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("path", kind.key);
      body.put("encoder", encoderOnnx.toAbsolutePath().toString());
      body.put("config", config);
      body.put("threads", threads);
      body.put("repeats", repeats);
      body.put("sequences", sequences);
      JSON.writeValue(request.toFile(), body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Python benchmark in " + workDir, e);
    }
    Process process;
    try {
      process =
          new ProcessBuilder(python, script.toString(), request.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return Outcome.skipped("no Python interpreter '" + python + "' (" + e.getMessage() + ")");
    }
    Deque<String> tail = new ArrayDeque<>();
    String resultLine = null;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("RESULT ") || line.startsWith("SKIP ")) {
          resultLine = line;
        } else {
          tail.addLast(line);
          if (tail.size() > 5) {
            tail.removeFirst();
          }
        }
      }
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return Outcome.skipped("did not finish in " + TIMEOUT_MINUTES + " min");
      }
    } catch (IOException e) {
      process.destroyForcibly();
      return Outcome.skipped("lost its output: " + e.getMessage());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return Outcome.skipped("interrupted");
    }
    if (resultLine != null && resultLine.startsWith("SKIP ")) {
      return Outcome.skipped(resultLine.substring(5));
    }
    if (resultLine == null || process.exitValue() != 0) {
      return Outcome.skipped(
          "failed with exit code " + process.exitValue() + ": " + String.join(" | ", tail));
    }
    return parse(resultLine.substring(7));
  }

  static Outcome parse(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      List<Double> seconds = new ArrayList<>();
      n.get("seconds").forEach(s -> seconds.add(s.asDouble()));
      JsonNode first = n.get("first_protein");
      float[] protein = new float[first.size()];
      for (int i = 0; i < protein.length; i++) {
        protein[i] = (float) first.get(i).asDouble();
      }
      return new Outcome(
          n.get("version").asText(), n.get("open_seconds").asDouble(), seconds, protein, null);
    } catch (IOException | RuntimeException e) {
      return Outcome.skipped("unreadable result: " + e.getMessage());
    }
  }
}
