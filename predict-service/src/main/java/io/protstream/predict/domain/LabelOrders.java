package io.protstream.predict.domain;

import io.protstream.model.pipeline.Labels;
import io.protstream.model.pipeline.Manifest;
import io.protstream.schemas.AnnotationClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The heads' class orders must be the event schema's: a column of {@code dssp3Probabilities} means
 * what {@code AnnotationClasses} says only if the head was trained with that order. A model folder
 * whose manifest disagrees (or the library's own label constants, which name the argmax) is refused
 * before anything is published.
 */
public final class LabelOrders {

  /** The model folder cannot be served: its class orders are not the events'. */
  public static final class MismatchException extends IllegalStateException {
    public MismatchException(String message) {
      super(message);
    }
  }

  private LabelOrders() {}

  /**
   * @throws MismatchException naming every output whose order differs, in one line
   */
  public static void check(Manifest manifest, String folder) {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> expected =
        Map.of(
            "dssp3", chars(AnnotationClasses.DSSP3),
            "dssp8", chars(AnnotationClasses.DSSP8),
            "disorder", chars(AnnotationClasses.DISORDER),
            "localization", AnnotationClasses.LOCALIZATION,
            "membrane", AnnotationClasses.MEMBRANE);
    compare(problems, "library dssp3", Labels.DSSP3, expected.get("dssp3"));
    compare(problems, "library dssp8", Labels.DSSP8, expected.get("dssp8"));
    compare(problems, "library disorder", Labels.DISORDER, expected.get("disorder"));
    compare(problems, "library localization", Labels.LOCALIZATION, expected.get("localization"));
    compare(problems, "library membrane", Labels.MEMBRANE, expected.get("membrane"));
    if (manifest.secstruct() == null) {
      problems.add("no secondary-structure head");
    } else {
      for (String output : List.of("dssp3", "dssp8", "disorder")) {
        compare(problems, output, manifest.secstruct().labels().get(output), expected.get(output));
      }
    }
    if (manifest.localization() == null) {
      problems.add("no localization head");
    } else {
      compare(
          problems,
          "localization",
          manifest.localization().labels().get("localization"),
          expected.get("localization"));
    }
    if (manifest.membrane() != null) {
      compare(
          problems,
          "membrane",
          manifest.membrane().labels().get("membrane"),
          expected.get("membrane"));
    }
    if (!problems.isEmpty()) {
      throw new MismatchException(
          "refusing to start: the model folder "
              + folder
              + " does not match the AnnotationEvent class orders: "
              + String.join("; ", problems));
    }
  }

  private static void compare(
      List<String> problems, String what, List<String> actual, List<String> expected) {
    if (actual == null) {
      problems.add(what + " has no label order");
    } else if (!actual.equals(expected)) {
      problems.add(what + " is " + actual + ", the events need " + expected);
    }
  }

  private static List<String> chars(String classes) {
    return classes.chars().mapToObj(c -> String.valueOf((char) c)).toList();
  }
}
