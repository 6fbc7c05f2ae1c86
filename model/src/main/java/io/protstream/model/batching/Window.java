package io.protstream.model.batching;

/**
 * A stretch {@code [start, end)} of a sequence embedded on its own, of which the residues {@code
 * [keepFrom, keepTo)} are used in the stitched result.
 */
public record Window(int start, int end, int keepFrom, int keepTo) {

  public int length() {
    return end - start;
  }
}
