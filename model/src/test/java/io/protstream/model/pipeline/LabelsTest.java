package io.protstream.model.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.protstream.model.testing.PublishedLabels;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void headClassOrdersAreThoseOfThePublishedHeads() {
    assertEquals(PublishedLabels.DSSP3, Labels.DSSP3);
    assertEquals(PublishedLabels.DSSP8, Labels.DSSP8);
    assertEquals(PublishedLabels.DISORDER, Labels.DISORDER);
    assertEquals(PublishedLabels.LOCALIZATION, Labels.LOCALIZATION);
    assertEquals(PublishedLabels.MEMBRANE, Labels.MEMBRANE);
  }
}
