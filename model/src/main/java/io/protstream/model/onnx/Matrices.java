package io.protstream.model.onnx;

/** Row-major matrix helpers for preparing weights. */
final class Matrices {

  private Matrices() {}

  /** Transposes a [rows, cols] matrix into [cols, rows]. */
  static float[] transpose(float[] m, int rows, int cols) {
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[base + c];
      }
    }
    return t;
  }

  /** Places [rows, colsI] matrices side by side into [rows, sum(colsI)]. */
  static float[] concatColumns(int rows, float[]... parts) {
    int total = 0;
    for (float[] p : parts) {
      total += p.length / rows;
    }
    float[] out = new float[rows * total];
    int offset = 0;
    for (float[] p : parts) {
      int cols = p.length / rows;
      for (int r = 0; r < rows; r++) {
        System.arraycopy(p, r * cols, out, r * total + offset, cols);
      }
      offset += cols;
    }
    return out;
  }
}
