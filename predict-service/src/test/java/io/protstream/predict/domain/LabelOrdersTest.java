package io.protstream.predict.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.model.pipeline.Manifest;
import io.protstream.predict.testing.TinyModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelOrdersTest {

  @Test
  void aConvertedFolderHasTheEventsClassOrders() {
    Manifest m = Manifest.read(TinyModel.folder());
    assertDoesNotThrow(() -> LabelOrders.check(m, "tiny"));
  }

  @Test
  void aFolderWithAnotherDssp3OrderIsRefusedInOneLine() {
    Manifest m = Manifest.read(TinyModel.folder());
    Manifest.Head sec = m.secstruct();
    // helix and strand swapped: column 0 would be read as H while the head means E
    Manifest.Head swapped =
        new Manifest.Head(
            sec.file(),
            Map.of(
                "dssp3", List.of("E", "H", "C"),
                "dssp8", sec.labels().get("dssp8"),
                "disorder", sec.labels().get("disorder")),
            sec.parameters());
    Manifest altered =
        new Manifest(
            m.format(),
            m.source(),
            m.encoder(),
            swapped,
            m.localization(),
            m.membrane(),
            m.files());

    var e =
        assertThrows(
            LabelOrders.MismatchException.class, () -> LabelOrders.check(altered, "/models/x"));

    assertTrue(e.getMessage().startsWith("refusing to start"), e.getMessage());
    assertTrue(e.getMessage().contains("/models/x"), e.getMessage());
    assertTrue(
        e.getMessage().contains("dssp3 is [E, H, C], the events need [H, E, C]"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aLocalizationOrderChangeOrAMissingHeadIsRefused() {
    Manifest m = Manifest.read(TinyModel.folder());
    List<String> reversed =
        new java.util.ArrayList<>(m.localization().labels().get("localization"));
    java.util.Collections.reverse(reversed);
    Manifest altered =
        new Manifest(
            m.format(),
            m.source(),
            m.encoder(),
            null,
            new Manifest.Head(
                m.localization().file(),
                Map.of("localization", reversed),
                m.localization().parameters()),
            m.membrane(),
            m.files());

    var e =
        assertThrows(LabelOrders.MismatchException.class, () -> LabelOrders.check(altered, "x"));

    assertTrue(e.getMessage().contains("no secondary-structure head"), e.getMessage());
    assertTrue(e.getMessage().contains("localization is [Extracellular"), e.getMessage());
  }
}
