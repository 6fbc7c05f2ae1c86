package io.protstream.model.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an over-long sequence into overlapping windows and says which residues each window
 * contributes. In an overlap the cut is placed in the middle, so every kept residue has at least
 * half the overlap of context on each side (except at the sequence ends).
 */
public final class Windows {

  private Windows() {}

  public static List<Window> plan(int length, int maxLength, int overlap) {
    if (length <= maxLength) {
      return List.of(new Window(0, length, 0, length));
    }
    int step = maxLength - overlap;
    List<Integer> starts = new ArrayList<>();
    for (int s = 0; ; s += step) {
      if (s + maxLength >= length) {
        starts.add(length - maxLength);
        break;
      }
      starts.add(s);
    }
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int start = starts.get(i);
      int end = start + maxLength;
      int keepFrom = i == 0 ? 0 : (starts.get(i - 1) + maxLength + start) / 2;
      int keepTo = i == starts.size() - 1 ? length : (end + starts.get(i + 1)) / 2;
      windows.add(new Window(start, end, keepFrom, keepTo));
    }
    return windows;
  }

  /**
   * Copies each window's kept rows ([window length, width] row-major) into the full-length result.
   */
  public static float[] stitch(List<Window> windows, List<float[]> rows, int length, int width) {
    float[] out = new float[length * width];
    for (int i = 0; i < windows.size(); i++) {
      Window w = windows.get(i);
      System.arraycopy(
          rows.get(i),
          (w.keepFrom() - w.start()) * width,
          out,
          w.keepFrom() * width,
          (w.keepTo() - w.keepFrom()) * width);
    }
    return out;
  }
}
