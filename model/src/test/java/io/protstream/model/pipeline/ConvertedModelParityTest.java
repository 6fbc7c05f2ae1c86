package io.protstream.model.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.runtime.Embedding;
import io.protstream.model.runtime.LightAttentionModel;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.model.runtime.SecStructModel;
import io.protstream.model.testing.Fixtures;
import io.protstream.model.testing.Fixtures.Case;
import io.protstream.model.testing.Npy;
import io.protstream.model.testing.Parity;
import io.protstream.model.testing.PublishedLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert} on the published layout, then every head and the full pipeline. */
class ConvertedModelParityTest {

  @TempDir static Path dir;
  static Path folder;
  static Manifest manifest;

  @BeforeAll
  static void convert() {
    folder = dir.resolve("model");
    manifest =
        new ModelConverter()
            .convert(
                Fixtures.encoder(),
                new HeadCheckpoints(
                    Fixtures.head("secstruct_checkpoint.pt"),
                    Fixtures.head("la_subcellular_localization.pt"),
                    Fixtures.head("la_subcellular_solubility.pt")),
                folder);
  }

  @AfterAll
  static void done() {}

  @Test
  void manifestListsEveryFileWithSizeAndChecksum() throws Exception {
    assertEquals(4, manifest.files().size());
    for (Manifest.FileEntry f : manifest.files()) {
      assertEquals(Files.size(folder.resolve(f.path())), f.bytes());
      assertEquals(64, f.sha256().length());
    }
    assertEquals(
        PublishedLabels.LOCALIZATION, manifest.localization().labels().get("localization"));
    assertEquals(Manifest.read(folder), manifest);
  }

  @Test
  void secstructHeadMatchesReferenceAloneAndInAPaddedBatch() throws Exception {
    List<Case> cases = Fixtures.cases();
    List<Embedding> inputs = referenceEmbeddings(cases);
    try (SecStructModel sec =
        SecStructModel.load(
            folder.resolve(manifest.secstruct().file()), RuntimeOptions.cpu(), 64)) {
      List<SecStructModel.Result> batched = sec.predict(inputs);
      for (int i = 0; i < cases.size(); i++) {
        SecStructModel.Result alone = sec.predict(List.of(inputs.get(i))).get(0);
        for (SecStructModel.Result r : List.of(alone, batched.get(i))) {
          check(cases.get(i), "dssp3_logits", r.dssp3(), 3);
          check(cases.get(i), "dssp8_logits", r.dssp8(), 8);
          check(cases.get(i), "disorder_logits", r.disorder(), 2);
        }
      }
    }
  }

  @Test
  void lightAttentionHeadsMatchReferenceAloneAndInAPaddedBatch() throws Exception {
    List<Case> cases = Fixtures.cases();
    List<Embedding> inputs = referenceEmbeddings(cases);
    for (String[] head :
        new String[][] {
          {manifest.localization().file(), "localization_logits", "10"},
          {manifest.membrane().file(), "membrane_logits", "2"}
        }) {
      try (LightAttentionModel la =
          LightAttentionModel.load(folder.resolve(head[0]), RuntimeOptions.cpu(), 64)) {
        List<float[]> batched = la.predict(inputs);
        for (int i = 0; i < cases.size(); i++) {
          check(
              cases.get(i),
              head[1],
              la.predict(List.of(inputs.get(i))).get(0),
              Integer.parseInt(head[2]));
          check(cases.get(i), head[1], batched.get(i), Integer.parseInt(head[2]));
        }
      }
    }
  }

  @Test
  void pipelineLabelsAndEmbeddingsMatchReference() throws Exception {
    List<Case> cases = Fixtures.cases();
    List<ProteinSequence> seqs =
        cases.stream().map(c -> new ProteinSequence(c.name(), c.sequence())).toList();
    try (ProtT5Model model = ProtT5Model.open(folder, RuntimeOptions.cpu(), BatchLimits.DEFAULT)) {
      List<EmbeddingResult> embedded = model.embed(seqs);
      List<Prediction> predictions = model.predictFromEmbeddings(embedded);
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        assertEquals(c.name(), embedded.get(i).id());
        assertFalse(embedded.get(i).windowed());
        Parity.assertClose(
            c.name() + " residues",
            c.expected("residues").floats(),
            embedded.get(i).embedding().residues());
        Parity.assertClose(
            c.name() + " protein",
            c.expected("protein").floats(),
            embedded.get(i).embedding().protein());
        Prediction p = predictions.get(i);
        assertEquals(
            labels(c.expected("dssp3_logits").floats(), 3, PublishedLabels.DSSP3),
            p.dssp3(),
            c.name());
        assertEquals(
            labels(c.expected("dssp8_logits").floats(), 8, PublishedLabels.DSSP8),
            p.dssp8(),
            c.name());
        assertEquals(
            labels(c.expected("disorder_logits").floats(), 2, PublishedLabels.DISORDER),
            p.disorder(),
            c.name());
        assertEquals(
            labels(c.expected("localization_logits").floats(), 10, PublishedLabels.LOCALIZATION),
            p.localization());
        assertEquals(
            labels(c.expected("membrane_logits").floats(), 2, PublishedLabels.MEMBRANE),
            p.membrane());
        assertNotNull(p.membraneProbabilities());
      }
    }
  }

  static String labels(float[] logits, int classes, List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < logits.length / classes; r++) {
      sb.append(names.get(Parity.argmax(logits, r * classes, classes)));
    }
    return sb.toString();
  }

  private static void check(Case c, String key, float[] actual, int classes) {
    Npy expected = c.expected(key);
    double r = Parity.assertClose(c.name() + " " + key, expected.floats(), actual);
    Parity.assertSameArgmax(c.name() + " " + key, expected.floats(), actual, classes);
    System.out.printf("parity %-22s %-20s %.2e%n", c.name(), key, r);
  }

  private static List<Embedding> referenceEmbeddings(List<Case> cases) {
    List<Embedding> out = new ArrayList<>();
    for (Case c : cases) {
      Npy r = c.expected("residues");
      Npy p = c.expected("protein");
      out.add(new Embedding(r.floats(), p.floats(), (int) r.shape()[0], (int) r.shape()[1]));
    }
    return out;
  }
}
