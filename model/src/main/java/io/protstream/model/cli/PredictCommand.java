package io.protstream.model.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.protstream.model.pipeline.Labels;
import io.protstream.model.pipeline.Prediction;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Predict secondary structure (DSSP3, DSSP8), disorder, localization and membrane"
          + " association; one JSON object per sequence."
    })
final class PredictCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "model folder")
  Path model;

  @Option(names = "--fasta", required = true, description = "input FASTA")
  Path fasta;

  @Option(names = "--out", required = true, description = "output JSON lines")
  Path out;

  @Mixin RuntimeMixin runtime;

  @Override
  public Integer call() throws IOException {
    List<ProteinSequence> sequences = SequenceInput.read(fasta, spec.commandLine().getErr());
    ObjectMapper json = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    try (ProtT5Model m = ProtT5Model.open(model, runtime.options(), runtime.limits());
        BufferedWriter writer = Files.newBufferedWriter(out)) {
      List<Prediction> predictions =
          m.predict(sequences, new ProgressBar(System.err, SequenceInput.residues(sequences)));
      for (Prediction p : predictions) {
        json.writeValue(writer, toJson(p));
        writer.newLine();
      }
    }
    System.out.printf("predicted %d sequences into %s%n", sequences.size(), out);
    return 0;
  }

  static Map<String, Object> toJson(Prediction p) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", p.id());
    if (p.dssp3() != null) {
      o.put("dssp3", p.dssp3());
      o.put("dssp8", p.dssp8());
      o.put("disorder", p.disorder());
      o.put("dssp3_probabilities", p.dssp3Probabilities());
      o.put("dssp8_probabilities", p.dssp8Probabilities());
      o.put("disorder_probabilities", p.disorderProbabilities());
    }
    if (p.localization() != null) {
      o.put("localization", p.localization());
      o.put(
          "localization_probabilities",
          byLabel(Labels.LOCALIZATION, p.localizationProbabilities()));
    }
    if (p.membrane() != null) {
      o.put("membrane", p.membrane());
      o.put("membrane_probabilities", byLabel(Labels.MEMBRANE, p.membraneProbabilities()));
    }
    o.put("windowed", p.windowed());
    return o;
  }

  private static Map<String, Float> byLabel(List<String> labels, float[] p) {
    Map<String, Float> m = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      m.put(labels.get(i), p[i]);
    }
    return m;
  }
}
