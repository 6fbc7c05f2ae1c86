package io.protstream.index.domain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;

/**
 * A per-protein embedding as the index stores it: one row per sequence digest, so identical
 * sequences under several accessions share it. Construction validates what the search relies on.
 */
public record ProteinEmbedding(
    String digest, Set<String> accessions, String modelId, float[] vector) {

  public ProteinEmbedding {
    if (digest == null || !digest.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "sequence digest must be 64 lower-case hex digits: " + digest);
    }
    if (vector.length == 0) {
      throw new IllegalArgumentException("empty embedding for " + digest);
    }
    for (float value : vector) {
      if (!Float.isFinite(value)) {
        throw new IllegalArgumentException("embedding of " + digest + " has a non-finite value");
      }
    }
    accessions = Set.copyOf(accessions);
  }

  /**
   * Builds from an event's fields, checking the declared dimension against the vector and the
   * index's width.
   *
   * @param indexDimension the index's width, or 0 to accept any
   */
  public static ProteinEmbedding of(
      String digest,
      List<String> accessions,
      String modelId,
      int declaredDimension,
      List<Float> values,
      int indexDimension) {
    if (declaredDimension != values.size()) {
      throw new IllegalArgumentException(
          "embedding of "
              + digest
              + " declares dimension "
              + declaredDimension
              + " but has "
              + values.size()
              + " values");
    }
    if (indexDimension > 0 && declaredDimension != indexDimension) {
      throw new IllegalArgumentException(
          "embedding of "
              + digest
              + " has dimension "
              + declaredDimension
              + ", the index holds "
              + indexDimension);
    }
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = values.get(i);
    }
    return new ProteinEmbedding(digest, Set.copyOf(accessions), modelId, vector);
  }

  /** Little-endian float32, the storage form (4 bytes per value; a CQL list would cost ~3x). */
  public ByteBuffer vectorBytes() {
    return bytesOf(vector);
  }

  /** The storage form of any vector. */
  public static ByteBuffer bytesOf(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * vector.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : vector) {
      bytes.putFloat(value);
    }
    return bytes.flip();
  }

  public static float[] vectorFrom(ByteBuffer bytes) {
    ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    float[] vector = new float[le.remaining() / 4];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = le.getFloat();
    }
    return vector;
  }
}
