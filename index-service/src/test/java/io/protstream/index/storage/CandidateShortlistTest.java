package io.protstream.index.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateShortlistTest {

  private static ByteBuffer digest(String name) {
    return ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8));
  }

  /** The digests listed after offering name, distance, name, distance, ... in that order. */
  private static List<String> listed(int capacity, Object... offers) {
    CandidateShortlist shortlist = new CandidateShortlist(capacity);
    for (int i = 0; i < offers.length; i += 2) {
      shortlist.offer(digest((String) offers[i]), (Double) offers[i + 1]);
    }
    return shortlist.digests();
  }

  /**
   * By hand: a5 b1 c3 -> [b1 c3 a5]; d4 pushes a out -> [b1 c3 d4]; b again at 0.5 moves up ->
   * [b0.5 c3 d4]; e9 is farther than all -> unchanged; a2 -> [b0.5 a2 c3].
   */
  @Test
  void keepsTheNearestOfEachDigestInOrder() {
    assertEquals(
        List.of("b", "a", "c"),
        listed(3, "a", 5.0, "b", 1.0, "c", 3.0, "d", 4.0, "b", 0.5, "e", 9.0, "a", 2.0));
  }

  @Test
  void aDigestSeenAgainFartherIsListedOnce() {
    assertEquals(List.of("x", "y"), listed(3, "x", 1.0, "x", 2.0, "y", 3.0));
  }

  @Test
  void anUndefinedDistanceIsNotListed() {
    assertEquals(List.of("m"), listed(2, "n", Double.NaN, "m", 7.0));
  }

  @Test
  void theOfferedViewIsCopiedNotKept() {
    CandidateShortlist shortlist = new CandidateShortlist(1);
    byte[] reused = "p".getBytes(StandardCharsets.UTF_8);
    shortlist.offer(ByteBuffer.wrap(reused), 1.0);
    reused[0] = 'q';
    assertEquals(List.of("p"), shortlist.digests());
  }

  @Test
  void anEmptyShortlistIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CandidateShortlist(0));
  }
}
