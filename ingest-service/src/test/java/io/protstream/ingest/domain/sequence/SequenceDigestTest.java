package io.protstream.ingest.domain.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SequenceDigestTest {

  @Test
  void isTheSha256OfTheUppercaseLetters() {
    assertEquals(
        "200d4389537e4f5542a531081f667fc81f7e698aee0ac7161c335f65e91861ee",
        SequenceDigest.of("MSDIDRNQ"));
  }

  @Test
  void ignoresCase() {
    assertEquals(SequenceDigest.of("MSDIDRNQ"), SequenceDigest.of("msdidrnq"));
  }

  @Test
  void differsForDifferentSequences() {
    assertNotEquals(SequenceDigest.of("MSDIDRNQ"), SequenceDigest.of("MSDIDRNE"));
  }
}
