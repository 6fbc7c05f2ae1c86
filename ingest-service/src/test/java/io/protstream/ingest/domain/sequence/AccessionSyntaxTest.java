package io.protstream.ingest.domain.sequence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessionSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "P00750",
        "Q9BZW1",
        "O95749",
        "A8K022",
        "F2CXE6",
        "H2CNN8",
        "A0A023GPI8",
        "A0A0B4J2F0"
      })
  void acceptsUniProtAccessions(String accession) {
    assertTrue(AccessionSyntax.isValid(accession));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "P5654", // too short
        "P007500", // seven characters
        "A0A0A0A0A0A", // eleven characters
        "p00750", // lowercase
        "P00750-2", // isoform
        "AB1234", // second character must be a digit
        "Q1234A", // last character must be a digit
        "P0A0A", // too short
        "O0A0A0A0A0", // O-prefixed accessions have no 10-character form
        "A0A0A0-A0A",
        ""
      })
  void rejectsEverythingElse(String accession) {
    assertFalse(AccessionSyntax.isValid(accession));
  }
}
