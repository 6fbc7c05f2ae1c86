package io.protstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.AnnotationEvent;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The class orders the annotation events carry, against the published heads' orders written out
 * here (ProtT5-sec: DSSP3 HEC, DSSP8 GHIBESTC, disorder - ordered / X disordered; Light Attention:
 * the 10 DeepLoc localization classes, membrane-bound / soluble), and the schema docs that state
 * them to consumers.
 */
class AnnotationClassesTest {

  private static final List<String> LOCALIZATION =
      List.of(
          "Cell membrane",
          "Cytoplasm",
          "Endoplasmic reticulum",
          "Golgi apparatus",
          "Lysosome/Vacuole",
          "Mitochondrion",
          "Nucleus",
          "Peroxisome",
          "Plastid",
          "Extracellular");

  @Test
  void ordersAreThoseOfThePublishedHeads() {
    assertEquals("HEC", AnnotationClasses.DSSP3);
    assertEquals("GHIBESTC", AnnotationClasses.DSSP8);
    assertEquals("-X", AnnotationClasses.DISORDER);
    assertEquals(LOCALIZATION, AnnotationClasses.LOCALIZATION);
    assertEquals(List.of("Membrane", "Soluble"), AnnotationClasses.MEMBRANE);
  }

  @Test
  void schemaDocsStateTheSameOrders() {
    Schema schema = AnnotationEvent.getClassSchema();
    assertDocNames(schema, "dssp3", "class order HEC");
    assertDocNames(schema, "dssp3Probabilities", "in order HEC");
    assertDocNames(schema, "dssp8Probabilities", "GHIBESTC");
    assertDocNames(schema, "disorder", "class order -X (- ordered, X disordered)");
    assertDocNames(schema, "disorderProbabilities", "in order -X");
    assertDocNames(schema, "localizationProbabilities", String.join(", ", LOCALIZATION));
    assertDocNames(schema, "membraneProbabilities", "Membrane, Soluble");
  }

  private static void assertDocNames(Schema schema, String field, String expected) {
    String doc = schema.getField(field).doc();
    assertTrue(doc.contains(expected), field + " doc should name '" + expected + "': " + doc);
  }
}
