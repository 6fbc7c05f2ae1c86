package io.protstream.ingest.domain.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SequenceBufferTest {

  private static void append(SequenceBuffer buffer, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    buffer.append(bytes, 0, bytes.length);
  }

  @Test
  void skipsLayoutAndFoldsCase() {
    SequenceBuffer buffer = new SequenceBuffer(100);
    append(buffer, "     msdid RNQFL\t\r");
    assertEquals("MSDIDRNQFL", buffer.sequence());
    assertEquals(Crc64.of("MSDIDRNQFL"), buffer.crc64());
    assertFalse(buffer.hasInvalidResidue());
  }

  @Test
  void acceptsTheExtendedLettersAndRejectsJ() {
    SequenceBuffer buffer = new SequenceBuffer(100);
    append(buffer, "UOBZX");
    assertFalse(buffer.hasInvalidResidue());
    append(buffer, "J");
    assertTrue(buffer.hasInvalidResidue());
    assertEquals("'J' (0x4A) at position 6", buffer.describeInvalidResidue());
  }

  @Test
  void reportsTheFirstInvalidCharacter() {
    SequenceBuffer buffer = new SequenceBuffer(100);
    append(buffer, "MS*D1");
    assertEquals("'*' (0x2A) at position 3", buffer.describeInvalidResidue());
    assertEquals(5, buffer.length());
  }

  @Test
  void countsButDoesNotStoreBeyondTheLimit() {
    SequenceBuffer buffer = new SequenceBuffer(10);
    append(buffer, "ACDEFGHIKLMNPQ");
    assertTrue(buffer.isOversize());
    assertEquals(14, buffer.length());
    assertEquals("ACDEFGHIKL", buffer.sequence());
  }

  @Test
  void resetStartsAFreshRecord() {
    SequenceBuffer buffer = new SequenceBuffer(10);
    append(buffer, "AC*");
    buffer.reset();
    append(buffer, "MK");
    assertEquals("MK", buffer.sequence());
    assertFalse(buffer.hasInvalidResidue());
    assertEquals(Crc64.of("MK"), buffer.crc64());
  }

  @Test
  void charactersFromXmlAreCheckedToo() {
    SequenceBuffer buffer = new SequenceBuffer(10);
    char[] text = "MK\u00e9".toCharArray();
    buffer.append(text, 0, text.length);
    assertTrue(buffer.hasInvalidResidue());
  }
}
