package io.protstream.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.protstream.model.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ProtT5TokenizerTest {

  private final ProtT5Tokenizer tokenizer = new ProtT5Tokenizer();

  @Test
  void idsAgreeWithTheReferenceTokenizerOnEveryCase() {
    for (Fixtures.Case c : Fixtures.cases()) {
      assertArrayEquals(c.inputIds(), tokenizer.encode(c.sequence()), c.name());
    }
  }

  @Test
  void uppercasesMapsRareResiduesToXAndOtherLettersToUnk() {
    assertArrayEquals(new int[] {3, 4, 23, 23, 23, 23, 2, 2, 1}, tokenizer.encode("alUZOBJj"));
  }

  @Test
  void everyStandardResidueHasItsOwnId() {
    int[] ids = tokenizer.encode("ALGVSREDTIPKFQNYMHWCX");
    for (int i = 0; i < 21; i++) {
      assertEquals(3 + i, ids[i]);
    }
    assertEquals(1, ids[21], "</s> is id 1 in ProtT5's vocabulary");
  }

  @Test
  void refusesEmptySequences() {
    InvalidSequenceException e =
        assertThrows(InvalidSequenceException.class, () -> tokenizer.encode(""));
    assertEquals(InvalidSequenceException.Reason.EMPTY, e.reason());
  }

  @Test
  void refusesNonLettersWithTheirPosition() {
    for (String bad : new String[] {"MK1A", "MK*A", "MK A", "MK-A", "MKéA"}) {
      InvalidSequenceException e =
          assertThrows(InvalidSequenceException.class, () -> tokenizer.encode(bad), bad);
      assertEquals(InvalidSequenceException.Reason.INVALID_CHARACTER, e.reason());
      assertEquals(2, e.position(), bad);
    }
    assertThrows(InvalidSequenceException.class, () -> tokenizer.validate("ACD*"));
  }
}
