package io.protstream.predict.domain;

/**
 * The heads read an L x d matrix of fp16 values; a per-residue event whose byte count, length or
 * dimension disagree cannot be annotated and must be dead-lettered rather than guessed at.
 */
public final class ResidueMatrixShape {

  private ResidueMatrixShape() {}

  /** Thrown when the matrix does not have the shape its event declares. */
  public static final class InvalidShapeException extends IllegalArgumentException {
    public InvalidShapeException(String message) {
      super(message);
    }
  }

  /**
   * Checks the declared shape against the payload.
   *
   * @param expectedDimension the encoder width the heads were trained on, or 0 to accept any
   */
  public static void check(int length, int dimension, int payloadBytes, int expectedDimension) {
    if (length < 1) {
      throw new InvalidShapeException("residue matrix has length " + length);
    }
    if (dimension < 1 || (expectedDimension > 0 && dimension != expectedDimension)) {
      throw new InvalidShapeException(
          "residue matrix has dimension " + dimension + ", the heads need " + expectedDimension);
    }
    long expectedBytes = 2L * length * dimension;
    if (payloadBytes != expectedBytes) {
      throw new InvalidShapeException(
          "residue matrix of "
              + length
              + " x "
              + dimension
              + " fp16 values needs "
              + expectedBytes
              + " bytes, the event has "
              + payloadBytes);
    }
  }
}
