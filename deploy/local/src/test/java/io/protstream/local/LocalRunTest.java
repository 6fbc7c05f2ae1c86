package io.protstream.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's scripts without servers: status and stop on a state folder where nothing ever
 * ran, and the model choice of {@code choose-model.sh} in each of its four cases.
 */
class LocalRunTest {

  @TempDir Path dir;

  @Test
  void statusAndStopOnAnEmptyStateFolderSayNothingRuns() {
    Path state = dir.resolve("state");
    LocalStack stack = new LocalStack(state, Path.of("../.."));

    String status = captured(stack::status);
    String stop = captured(stack::stop);

    List<String> lines = status.lines().toList();
    assertEquals(6, lines.size(), status);
    for (String name :
        List.of(
            "kafka",
            "cassandra",
            "index-service",
            "ingest-service",
            "embed-service",
            "predict-service")) {
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith(name) && l.endsWith("not running")), status);
    }
    assertEquals("", stop);
  }

  @Test
  void theFolderInProtstreamModelComesFirst() throws Exception {
    Path mine = modelFolder(dir.resolve("mine"));
    modelFolder(dir.resolve("state/models/prott5"));

    Result r = choose(Map.of("PROTSTREAM_MODEL", mine.toString()), "exit 99");

    assertEquals(0, r.exit(), r.err());
    assertEquals(mine.toString(), r.out());
    assertEquals("", r.toolCalls());
  }

  @Test
  void aFolderWithoutManifestInProtstreamModelIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("empty"));

    Result r = choose(Map.of("PROTSTREAM_MODEL", dir.resolve("empty").toString()), "exit 99");

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("not a model folder"), r.err());
  }

  @Test
  void aModelFetchedEarlierIsUsedWithoutTheNetwork() throws Exception {
    Path fetched = modelFolder(dir.resolve("state/models/prott5"));

    Result r = choose(Map.of(), "exit 99");

    assertEquals(0, r.exit(), r.err());
    assertEquals(fetched.toString(), r.out());
    assertEquals("", r.toolCalls());
  }

  @Test
  void theModelIsFetchedWhenTheHostsAnswer() throws Exception {
    // the tool: --check answers, the fetch writes a model folder
    String tool =
        "for a in \"$@\"; do if [ \"$prev\" = --out ]; then out=$a; fi; prev=$a; done\n"
            + "if [ \"$1 $2\" = \"fetch --check\" ]; then exit 0; fi\n"
            + "mkdir -p \"$out\" && echo '{}' > \"$out/manifest.json\"\n";

    Result r = choose(Map.of(), tool);

    assertEquals(0, r.exit(), r.err());
    assertEquals(dir.resolve("state/models/prott5").toString(), r.out());
    List<String> calls = r.toolCalls().lines().toList();
    assertEquals(2, calls.size(), r.toolCalls());
    assertTrue(calls.get(0).startsWith("fetch --check"), calls.get(0));
    assertTrue(calls.get(1).startsWith("fetch --out"), calls.get(1));
  }

  @Test
  void offlineTheDemoModelIsGeneratedAndAnnouncedLoudly() throws Exception {
    // the tool: the hosts do not answer (exit 3), demo-model writes a model folder
    String tool =
        "for a in \"$@\"; do if [ \"$prev\" = --out ]; then out=$a; fi; prev=$a; done\n"
            + "if [ \"$1\" = fetch ]; then exit 3; fi\n"
            + "mkdir -p \"$out\" && echo '{}' > \"$out/manifest.json\"\n";

    Result r = choose(Map.of(), tool);

    assertEquals(0, r.exit(), r.err());
    assertEquals(dir.resolve("state/models/demo").toString(), r.out());
    assertTrue(r.err().contains("DEMO MODEL"), r.err());
    List<String> calls = r.toolCalls().lines().toList();
    assertEquals(2, calls.size(), r.toolCalls());
    assertTrue(calls.get(0).startsWith("fetch --check"), calls.get(0));
    assertTrue(calls.get(1).startsWith("demo-model --size tiny --out"), calls.get(1));

    // a second run reuses the demo model instead of generating it again
    Result again = choose(Map.of(), tool);
    assertEquals(dir.resolve("state/models/demo").toString(), again.out());
    assertFalse(again.toolCalls().contains("demo-model"), again.toolCalls());
  }

  @Test
  void prometheusCountersAreSummedOverTheirLabels() {
    String text =
        "# HELP protstream_predict_dead_letters_total\n"
            + "protstream_predict_dead_letters_total{application=\"predict-service\",stage=\"predict.shape\"}"
            + " 2.0\n"
            + "protstream_predict_dead_letters_total{application=\"predict-service\",stage=\"predict.decode\"}"
            + " 1.0\n"
            + "protstream_predict_annotations_total{application=\"predict-service\"} 11.0\n";

    assertEquals(3.0, ServiceMetrics.sum(text, PipelineProgress.PREDICT_DEAD));
    assertEquals(11.0, ServiceMetrics.sum(text, PipelineProgress.ANNOTATED));
    assertEquals(0.0, ServiceMetrics.sum(text, PipelineProgress.EMBEDDED));
  }

  @Test
  void aSummarysMeanIsItsSumOverItsCount() {
    String text =
        "protstream_embed_batch_padding_fraction_count{application=\"embed-service\"} 4.0\n"
            + "protstream_embed_batch_padding_fraction_sum{application=\"embed-service\"} 0.3\n"
            + "protstream_embed_batch_padding_fraction_max{application=\"embed-service\"} 0.2\n";

    assertEquals(
        0.075, ServiceMetrics.mean(text, "protstream_embed_batch_padding_fraction"), 1e-12);
    assertTrue(Double.isNaN(ServiceMetrics.mean(text, "protstream_embed_model_seconds")));
  }

  @Test
  void aReleaseFileIsTakenWithTheReleaseIdInItsName() throws Exception {
    Path file = Files.writeString(dir.resolve("uniprot_sprot-2025_02.dat"), "");

    LocalStack.StartOptions options =
        LocalStack.StartOptions.parse(List.of("/models/demo", "--release", file.toString()));

    assertEquals(Path.of("/models/demo"), options.model());
    assertEquals(file.toAbsolutePath(), options.release());
    assertEquals("2025_02", options.releaseId());
  }

  @Test
  void anExplicitReleaseIdWinsAndANameWithoutOneGetsALocalId() throws Exception {
    Path file = Files.writeString(dir.resolve("my proteins.fasta"), "");

    assertEquals(
        "r1",
        LocalStack.StartOptions.parse(
                List.of("m", "--release", file.toString(), "--release-id", "r1"))
            .releaseId());
    assertEquals(
        "local_my_proteins.fasta",
        LocalStack.StartOptions.parse(List.of("m", "--release", file.toString())).releaseId());
    assertEquals(null, LocalStack.StartOptions.parse(List.of("m")).release());
  }

  @Test
  void aMissingReleaseFileOrAReleaseIdWithoutAFileIsRefused() {
    IllegalArgumentException missing =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                LocalStack.StartOptions.parse(
                    List.of("m", "--release", dir.resolve("absent.dat").toString())));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    IllegalArgumentException orphan =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> LocalStack.StartOptions.parse(List.of("m", "--release-id", "r1")));
    assertTrue(orphan.getMessage().contains("needs --release"), orphan.getMessage());
  }

  private record Result(int exit, String out, String err, String toolCalls) {}

  /** Runs choose-model.sh with the state in the temp folder and {@code toolBody} as the tool. */
  private Result choose(Map<String, String> env, String toolBody) throws Exception {
    Path calls = dir.resolve("tool-calls");
    Files.deleteIfExists(calls);
    Path tool = dir.resolve("tool.sh");
    Files.writeString(
        tool, "#!/usr/bin/env bash\necho \"$*\" >> " + calls + "\n" + toolBody + "\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb =
        new ProcessBuilder("bash", Path.of("choose-model.sh").toAbsolutePath().toString());
    pb.environment().remove("PROTSTREAM_MODEL");
    pb.environment().remove("PROTSTREAM_FETCH");
    pb.environment().put("PROTSTREAM_STATE", dir.resolve("state").toString());
    pb.environment().put("PROTSTREAM_TOOL", tool.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    String toolCalls = Files.exists(calls) ? Files.readString(calls) : "";
    return new Result(exit, out, err, toolCalls);
  }

  private static Path modelFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("manifest.json"), "{}");
    return folder;
  }

  private static String captured(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      action.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
