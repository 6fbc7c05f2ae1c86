package io.protstream.model.runtime;

/**
 * The encoder's output for one sequence.
 *
 * @param residues per-residue states, row-major [length, dModel], the end token's row dropped
 * @param protein the mean of the residue rows [dModel]
 */
public record Embedding(float[] residues, float[] protein, int length, int dModel) {

  public float[] residue(int index) {
    float[] row = new float[dModel];
    System.arraycopy(residues, index * dModel, row, 0, dModel);
    return row;
  }
}
