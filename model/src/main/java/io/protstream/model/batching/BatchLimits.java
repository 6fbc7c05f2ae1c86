package io.protstream.model.batching;

/**
 * Bounds on the batches the encoder is given.
 *
 * @param maxBatchSize most sequences in one batch
 * @param maxTokens most padded tokens (batch size × longest sequence, end token included) in one
 *     batch; attention memory grows with this and the sequence length
 * @param maxLength longest sequence (residues) embedded in one piece; longer ones are split into
 *     overlapping windows
 * @param windowOverlap residues shared by neighbouring windows, so that every residue is taken from
 *     a window where it has context on both sides
 */
public record BatchLimits(int maxBatchSize, int maxTokens, int maxLength, int windowOverlap) {

  public static final BatchLimits DEFAULT = new BatchLimits(32, 8192, 4000, 256);

  public BatchLimits {
    if (maxBatchSize < 1 || maxTokens < 2 || maxLength < 2) {
      throw new IllegalArgumentException("batch limits must be positive: " + this);
    }
    if (windowOverlap < 0 || windowOverlap >= maxLength) {
      throw new IllegalArgumentException("window overlap must be in [0, maxLength): " + this);
    }
  }
}
