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

  /**
   * By hand: a5 b1 c3 -> [b1 c3 a5]; d4 pushes a out -> [b1 c3 d4]; b again at 0.5 moves up ->
   * [b0.5 c3 d4]; e9 is farther than all -> unchanged; a2 -> [b0.5 a2 c3].
   */
  @Test
  void keepsTheNearestOfEachDigestInOrder() {
    CandidateShortlist shortlist = new CandidateShortlist(3);
    shortlist.offer(digest("a"), 5.0);
    shortlist.offer(digest("b"), 1.0);
    shortlist.offer(digest("c"), 3.0);
    shortlist.offer(digest("d"), 4.0);
    shortlist.offer(digest("b"), 0.5);
    shortlist.offer(digest("e"), 9.0);
    shortlist.offer(digest("a"), 2.0);
    assertEquals(List.of("b", "a", "c"), shortlist.digests());
  }

  @Test
  void aDigestSeenAgainFartherIsListedOnce() {
    CandidateShortlist shortlist = new CandidateShortlist(3);
    shortlist.offer(digest("x"), 1.0);
    shortlist.offer(digest("x"), 2.0);
    shortlist.offer(digest("y"), 3.0);
    assertEquals(List.of("x", "y"), shortlist.digests());
  }

  @Test
  void anUndefinedDistanceIsNotListed() {
    CandidateShortlist shortlist = new CandidateShortlist(2);
    shortlist.offer(digest("n"), Double.NaN);
    shortlist.offer(digest("m"), 7.0);
    assertEquals(List.of("m"), shortlist.digests());
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
