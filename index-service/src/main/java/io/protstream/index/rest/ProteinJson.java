package io.protstream.index.rest;

import io.protstream.index.domain.AccessionEntry;
import io.protstream.index.domain.DigestRecord;
import io.protstream.index.domain.Member;
import io.protstream.index.domain.PredictedAnnotations;
import io.protstream.index.domain.ProteinCard;
import io.protstream.index.domain.SearchResult;
import io.protstream.schemas.AnnotationClasses;
import io.protstream.schemas.ProbabilityBytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the API (see META-INF/openapi.yaml); presentation only. */
final class ProteinJson {

  private ProteinJson() {}

  static Map<String, Object> card(ProteinCard card) {
    AccessionEntry e = card.entry();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accession", e.accession());
    json.put("status", "live");
    json.put("digest", e.digest());
    json.put("reviewed", e.reviewed());
    json.put("proteinName", e.proteinName());
    json.put("geneName", e.geneName());
    json.put("organism", e.organism());
    json.put("taxonId", e.taxonId());
    json.put("release", e.release());
    json.put("secondaryAccessions", e.secondaryAccessions());
    json.put(
        "sameSequence",
        card.sameSequence().stream()
            .map(Member::accession)
            .filter(a -> !a.equals(e.accession()))
            .toList());
    json.put("curated", e.curated());
    DigestRecord sequence = card.sequence();
    json.put("sequence", sequence == null ? null : sequence.sequence());
    json.put(
        "length",
        sequence == null || sequence.sequence() == null ? null : sequence.sequence().length());
    json.put("modelId", sequence == null ? null : sequence.modelId());
    json.put("embedded", sequence != null && sequence.vector() != null);
    json.put("predicted", sequence == null ? null : predicted(sequence.annotations()));
    return json;
  }

  static Map<String, Object> predicted(PredictedAnnotations a) {
    if (a == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> models = new LinkedHashMap<>();
    models.put("encoder", a.encoderModelId());
    models.put("secondaryStructure", a.secondaryStructureModelId());
    models.put("disorder", a.disorderModelId());
    models.put("localization", a.localizationModelId());
    models.put("membrane", a.membraneModelId());
    json.put("modelIds", models);
    json.put("dssp3", a.dssp3());
    json.put("dssp3Classes", AnnotationClasses.DSSP3);
    json.put("dssp3Probabilities", rows(a.dssp3Probabilities(), a.length(), 3));
    json.put("dssp8", a.dssp8());
    json.put("dssp8Classes", AnnotationClasses.DSSP8);
    json.put("dssp8Probabilities", rows(a.dssp8Probabilities(), a.length(), 8));
    json.put("disorder", a.disorder());
    json.put("disorderClasses", AnnotationClasses.DISORDER);
    json.put("disorderProbabilities", rows(a.disorderProbabilities(), a.length(), 2));
    json.put("localization", a.localization());
    json.put(
        "localizationProbabilities",
        named(AnnotationClasses.LOCALIZATION, a.localizationProbabilities()));
    json.put("membrane", a.membrane());
    json.put("membraneProbabilities", named(AnnotationClasses.MEMBRANE, a.membraneProbabilities()));
    return json;
  }

  static Map<String, Object> result(SearchResult r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("queryAccession", r.queryAccession());
    json.put("queryDigest", r.queryDigest());
    json.put("modelId", r.modelId());
    json.put("method", r.method().wireName());
    json.put("metric", r.metric().wireName());
    json.put("k", r.k());
    List<Map<String, Object>> neighbours = new ArrayList<>();
    for (SearchResult.Neighbour n : r.neighbours()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("digest", n.digest());
      item.put("distance", n.distance());
      item.put("euclideanDistance", n.euclideanDistance());
      item.put("reliabilityIndex", n.reliabilityIndex());
      item.put("modelId", n.modelId());
      item.put("accessions", n.accessions());
      item.put("localization", n.localization());
      item.put("membrane", n.membrane());
      neighbours.add(item);
    }
    json.put("neighbours", neighbours);
    json.put("transferred", r.transferred());
    return json;
  }

  private static List<List<Float>> rows(byte[] bytes, int length, int classes) {
    float[][] matrix = ProbabilityBytes.decode(bytes, length, classes);
    List<List<Float>> rows = new ArrayList<>(length);
    for (float[] row : matrix) {
      List<Float> values = new ArrayList<>(classes);
      for (float p : row) {
        values.add(Math.round(p * 1000f) / 1000f);
      }
      rows.add(values);
    }
    return rows;
  }

  private static Map<String, Float> named(List<String> classes, List<Float> probabilities) {
    Map<String, Float> named = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(classes.size(), probabilities.size()); i++) {
      named.put(classes.get(i), probabilities.get(i));
    }
    return named;
  }
}
