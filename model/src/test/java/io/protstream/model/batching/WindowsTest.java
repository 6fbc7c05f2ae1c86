package io.protstream.model.batching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {

  @Test
  void shortSequencesAreOneWindow() {
    assertEquals(List.of(new Window(0, 10, 0, 10)), Windows.plan(10, 10, 2));
  }

  @Test
  void windowsCoverEveryResidueExactlyOnceWithinLimits() {
    for (int length = 51; length < 400; length += 7) {
      List<Window> plan = Windows.plan(length, 50, 16);
      int next = 0;
      for (Window w : plan) {
        assertEquals(50, w.length());
        assertEquals(next, w.keepFrom(), "gap or overlap at " + next + " for length " + length);
        assertTrue(w.start() <= w.keepFrom() && w.keepTo() <= w.end());
        next = w.keepTo();
      }
      assertEquals(length, next);
    }
  }

  @Test
  void stitchingTakesEachResidueFromItsWindow() {
    int length = 23;
    List<Window> plan = Windows.plan(length, 10, 4);
    List<float[]> rows = new ArrayList<>();
    for (Window w : plan) {
      float[] r = new float[w.length() * 2];
      for (int i = 0; i < w.length(); i++) {
        r[2 * i] = w.start() + i;
        r[2 * i + 1] = -(w.start() + i);
      }
      rows.add(r);
    }
    float[] stitched = Windows.stitch(plan, rows, length, 2);
    float[] expected = new float[length * 2];
    for (int i = 0; i < length; i++) {
      expected[2 * i] = i;
      expected[2 * i + 1] = -i;
    }
    assertArrayEquals(expected, stitched);
  }
}
