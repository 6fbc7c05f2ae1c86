package io.protstream.model.onnx;

/**
 * T5's bidirectional relative-position buckets as a lookup table over the distance |j - i|.
 *
 * <p>Beyond {@code maxDistance} every distance falls in the last bucket, so a table of {@code
 * maxDistance + 1} entries indexed by {@code min(|j - i|, maxDistance)} covers every sequence
 * length. The log-spaced part is evaluated here in the same single-precision steps as the reference
 * (log, divide, multiply, truncate), because bucket edges such as distance 16 sit exactly on a
 * rounding boundary and a runtime's own log kernel may land on the other side of it.
 */
public final class RelativePositionBuckets {

  private RelativePositionBuckets() {}

  /** Bucket of each distance 0..maxDistance for one direction (half of {@code numBuckets}). */
  public static long[] distanceTable(int numBuckets, int maxDistance) {
    int half = numBuckets / 2;
    int maxExact = half / 2;
    float logRange = (float) Math.log((double) maxDistance / maxExact);
    long[] table = new long[maxDistance + 1];
    for (int n = 0; n <= maxDistance; n++) {
      if (n < maxExact) {
        table[n] = n;
      } else {
        float ratio = (float) Math.log((float) n / maxExact);
        long large = maxExact + (long) (ratio / logRange * (half - maxExact));
        table[n] = Math.min(large, half - 1);
      }
    }
    return table;
  }

  /** The bucket of relative position {@code memory - query}, for checking the graph. */
  public static int bucket(int relative, int numBuckets, int maxDistance) {
    int half = numBuckets / 2;
    long[] table = distanceTable(numBuckets, maxDistance);
    int offset = relative > 0 ? half : 0;
    return offset + (int) table[Math.min(Math.abs(relative), maxDistance)];
  }
}
