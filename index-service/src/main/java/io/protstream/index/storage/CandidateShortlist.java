package io.protstream.index.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code capacity} candidates of smallest estimated distance among those offered, each digest
 * once, kept in place as they stream from the bucket reads: a query offers thousands and keeps a
 * few, so most offers cost one comparison, and a digest's bytes are copied and decoded only for the
 * few that enter the list (sorting and deduplicating every candidate cost more than all the
 * distance estimates together).
 */
final class CandidateShortlist {

  private final double[] distances;
  private final byte[][] digests;
  private int size;

  CandidateShortlist(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("a shortlist holds at least one candidate: " + capacity);
    }
    distances = new double[capacity];
    digests = new byte[capacity][];
  }

  /**
   * Offers a candidate: its digest's UTF-8 bytes (a view, not kept) and its estimated distance. A
   * digest already listed keeps the smaller of its distances (it is in several tables' buckets).
   */
  void offer(ByteBuffer digest, double distance) {
    if (Double.isNaN(distance) || size == distances.length && !(distance < distances[size - 1])) {
      return;
    }
    byte[] bytes = new byte[digest.remaining()];
    digest.duplicate().get(bytes);
    for (int i = 0; i < size; i++) {
      if (Arrays.equals(digests[i], bytes)) {
        if (distance >= distances[i]) {
          return;
        }
        remove(i);
        break;
      }
    }
    int at = size == distances.length ? size - 1 : size++;
    // shift the farther ones up; the last of a full list falls off
    while (at > 0 && distances[at - 1] > distance) {
      distances[at] = distances[at - 1];
      digests[at] = digests[at - 1];
      at--;
    }
    distances[at] = distance;
    digests[at] = bytes;
  }

  private void remove(int i) {
    System.arraycopy(distances, i + 1, distances, i, size - i - 1);
    System.arraycopy(digests, i + 1, digests, i, size - i - 1);
    size--;
  }

  /** The listed digests, nearest first. */
  List<String> digests() {
    List<String> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new String(digests[i], StandardCharsets.UTF_8));
    }
    return out;
  }
}
