package io.protstream.ingest.domain.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Crc64Test {

  /** CBBQ_CHRVI (P56540), whose flat-file SQ line declares B7AB23BF4DEA291C. */
  private static final String P56540 =
      "MSDIDRNQFLIDHEPYYRPVSNEVALYEAAYAARMPVMLKGPTGCGKTRFVEYMAWKLGKPLITVACNEDMTAS";

  @Test
  void matchesTheChecksumUniProtDeclares() {
    assertEquals("B7AB23BF4DEA291C", Crc64.hexOf(P56540));
  }

  @Test
  void leadingZerosArePrinted() {
    // CEF_BPT4 (Q01436) declares 031505CA6FE414FA.
    assertEquals(
        "031505CA6FE414FA",
        Crc64.hexOf("MKRKIVQNCTNDEFEDVLFDPNLVVVQKEHTSKFTHLTSVYVYEKVGDKQPIYGVFREITEDGTTYWKEIY"));
    assertEquals("0000000000000000", Crc64.hexOf(""));
  }

  @Test
  void incrementalEqualsWhole() {
    Crc64 crc = new Crc64();
    for (char c : P56540.toCharArray()) {
      crc.update(c);
    }
    assertEquals(Crc64.of(P56540), crc.value());
  }

  @Test
  void singleSubstitutionChangesTheChecksum() {
    assertFalse(Crc64.hexOf(P56540).equals(Crc64.hexOf(P56540.replace('Q', 'E'))));
  }

  @Test
  void recognisesThePrintedForm() {
    assertTrue(Crc64.isWellFormed("B7AB23BF4DEA291C"));
    assertTrue(Crc64.isWellFormed("b7ab23bf4dea291c"));
    assertFalse(Crc64.isWellFormed("B7AB23BF4DEA291"));
    assertFalse(Crc64.isWellFormed("B7AB23BF4DEA291G"));
    assertFalse(Crc64.isWellFormed(null));
  }
}
