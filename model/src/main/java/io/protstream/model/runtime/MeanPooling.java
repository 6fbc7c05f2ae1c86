package io.protstream.model.runtime;

/**
 * The per-protein embedding taken on the host: the mean of the residue rows, summed in double so
 * that long proteins lose no precision. The graphs this library builds compute the same mean
 * in-graph; this one serves standard exports and stitched windows.
 */
public final class MeanPooling {

  private MeanPooling() {}

  /**
   * @param rows {@code count x d} values, row-major
   * @return the column means ({@code d} values); zeros when there are no rows
   */
  public static float[] rows(float[] rows, int count, int d) {
    if (count < 0 || d < 0 || (long) count * d > rows.length) {
      throw new IllegalArgumentException(
          count + " x " + d + " rows requested from " + rows.length + " values");
    }
    double[] sum = new double[d];
    for (int r = 0; r < count; r++) {
      for (int j = 0; j < d; j++) {
        sum[j] += rows[r * d + j];
      }
    }
    float[] mean = new float[d];
    for (int j = 0; j < d; j++) {
      mean[j] = (float) (sum[j] / Math.max(count, 1));
    }
    return mean;
  }
}
