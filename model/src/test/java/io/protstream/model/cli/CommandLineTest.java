package io.protstream.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.testing.Fixtures;
import io.protstream.model.testing.Fixtures.Case;
import io.protstream.model.testing.Parity;
import io.protstream.model.testing.PublishedLabels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The published-layout checkpoint through {@code convert}, {@code embed} and {@code predict}. */
class CommandLineTest {

  @TempDir Path dir;

  @Test
  void convertThenEmbedAndPredictMatchTheReference() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(
        0,
        run(
            "convert",
            "--checkpoint",
            Fixtures.encoder().toString(),
            "--out",
            model.toString(),
            "--secstruct",
            Fixtures.head("secstruct_checkpoint.pt").toString(),
            "--localization",
            Fixtures.head("la_subcellular_localization.pt").toString(),
            "--membrane",
            Fixtures.head("la_subcellular_solubility.pt").toString()));
    List<Case> cases = Fixtures.cases();
    StringBuilder fasta = new StringBuilder();
    for (Case c : cases) {
      fasta
          .append(">sp|")
          .append(c.name())
          .append("|X_HUMAN test\n")
          .append(c.sequence())
          .append('\n');
    }
    fasta.append(">broken\nMK*L\n");
    Path input = Files.writeString(dir.resolve("in.fasta"), fasta);
    Path perProtein = dir.resolve("pp.h5");
    Path perResidue = dir.resolve("pr.h5");
    assertEquals(
        0,
        run(
            "embed",
            "--model",
            model.toString(),
            "--fasta",
            input.toString(),
            "--per-protein",
            perProtein.toString(),
            "--per-residue",
            perResidue.toString()));
    try (HdfFile pp = new HdfFile(perProtein);
        HdfFile pr = new HdfFile(perResidue)) {
      assertEquals(cases.size(), pp.getChildren().size());
      for (Case c : cases) {
        Parity.assertClose(
            c.name(),
            c.expected("protein").floats(),
            (float[]) pp.getDatasetByPath(c.name()).getData());
        float[][] rows = (float[][]) pr.getDatasetByPath(c.name()).getData();
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
          System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        Parity.assertClose(c.name(), c.expected("residues").floats(), flat);
      }
    }
    Path out = dir.resolve("p.jsonl");
    assertEquals(
        0,
        run(
            "predict",
            "--model",
            model.toString(),
            "--fasta",
            input.toString(),
            "--out",
            out.toString()));
    List<String> lines = Files.readAllLines(out);
    assertEquals(cases.size(), lines.size());
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      JsonNode o = json.readTree(lines.get(i));
      assertEquals(c.name(), o.get("id").asText());
      assertEquals(
          labels(c.expected("dssp3_logits").floats(), 3, PublishedLabels.DSSP3),
          o.get("dssp3").asText());
      assertEquals(
          labels(c.expected("dssp8_logits").floats(), 8, PublishedLabels.DSSP8),
          o.get("dssp8").asText());
      assertEquals(
          labels(c.expected("disorder_logits").floats(), 2, PublishedLabels.DISORDER),
          o.get("disorder").asText());
      assertEquals(c.sequence().length(), o.get("dssp8_probabilities").size());
      assertEquals(
          labels(c.expected("localization_logits").floats(), 10, PublishedLabels.LOCALIZATION),
          o.get("localization").asText());
      assertEquals(10, o.get("localization_probabilities").size());
      assertEquals(
          labels(c.expected("membrane_logits").floats(), 2, PublishedLabels.MEMBRANE),
          o.get("membrane").asText());
    }
  }

  @Test
  void convertFromTheFp16PytorchBinAloneMatchesTheReference() throws Exception {
    Path checkpoint = Files.createDirectories(dir.resolve("half-enc"));
    Files.copy(Fixtures.encoder().resolve("config.json"), checkpoint.resolve("config.json"));
    Files.copy(
        Fixtures.encoder().resolve("pytorch_model.bin"), checkpoint.resolve("pytorch_model.bin"));
    Path model = dir.resolve("model-bin");
    assertEquals(
        0,
        run("convert", "--checkpoint", checkpoint.toString(), "--out", model.toString(), "--fp16"));
    assertEquals("fp16", Manifest.read(model).encoder().weightPrecision());
    StringBuilder fasta = new StringBuilder();
    for (Case c : Fixtures.cases()) {
      fasta.append('>').append(c.name()).append('\n').append(c.sequence()).append('\n');
    }
    Path input = Files.writeString(dir.resolve("bin.fasta"), fasta);
    Path perProtein = dir.resolve("bin.h5");
    assertEquals(
        0,
        run(
            "embed",
            "--model",
            model.toString(),
            "--fasta",
            input.toString(),
            "--per-protein",
            perProtein.toString()));
    try (HdfFile pp = new HdfFile(perProtein)) {
      for (Case c : Fixtures.cases()) {
        Parity.assertClose(
            c.name(),
            c.expected("protein").floats(),
            (float[]) pp.getDatasetByPath(c.name()).getData());
      }
    }
  }

  @Test
  void demoModelsAreDeterministic() {
    assertEquals(0, run("demo-model", "--out", dir.resolve("a").toString(), "--seed", "3"));
    assertEquals(0, run("demo-model", "--out", dir.resolve("b").toString(), "--seed", "3"));
    assertEquals(Manifest.read(dir.resolve("a")).files(), Manifest.read(dir.resolve("b")).files());
  }

  @Test
  void gpuDeviceWithoutGpuRuntimeIsAOneLineError() throws Exception {
    run("demo-model", "--out", dir.resolve("m").toString());
    Path input = Files.writeString(dir.resolve("x.fasta"), ">a\nMKV\n");
    StringWriter err = new StringWriter();
    CommandLine cli = ProtstreamCli.newCommandLine();
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "embed",
            "--model",
            dir.resolve("m").toString(),
            "--fasta",
            input.toString(),
            "--per-protein",
            dir.resolve("x.h5").toString(),
            "--device",
            "tensorrt");
    assertEquals(ErrorHandler.USER_ERROR, code);
    assertTrue(err.toString().startsWith("error: device 'tensorrt' needs"), err.toString());
  }

  private static int run(String... args) {
    return ProtstreamCli.newCommandLine().execute(args);
  }

  private static String labels(float[] logits, int classes, List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < logits.length / classes; r++) {
      sb.append(names.get(Parity.argmax(logits, r * classes, classes)));
    }
    return sb.toString();
  }
}
