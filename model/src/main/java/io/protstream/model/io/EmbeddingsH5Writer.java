package io.protstream.model.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes embeddings in the layout of UniProt's {@code per-protein.h5}: one float32 dataset per
 * sequence at the file's root, named by its identifier; per-residue files hold [length, d]
 * datasets. The file is written when closed.
 */
public final class EmbeddingsH5Writer implements AutoCloseable {

  private final WritableHdfFile file;
  private final Set<String> names = new HashSet<>();

  public EmbeddingsH5Writer(Path path) {
    this.file = HdfFile.write(path);
  }

  public void putVector(String id, float[] values) {
    file.putDataset(datasetName(id), values);
  }

  /** Stores row-major [rows, width] values as a two-dimensional dataset. */
  public void putMatrix(String id, float[] rowMajor, int rows, int width) {
    float[][] matrix = new float[rows][width];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(rowMajor, r * width, matrix[r], 0, width);
    }
    file.putDataset(datasetName(id), matrix);
  }

  /** HDF5 treats '/' as a path separator, so it is replaced; ids must be unique. */
  private String datasetName(String id) {
    String name = id.replace('/', '_');
    if (name.isEmpty() || name.equals(".")) {
      throw new IllegalArgumentException("cannot name a dataset '" + id + "'");
    }
    if (!names.add(name)) {
      throw new IllegalArgumentException("duplicate sequence id '" + id + "' in the input");
    }
    return name;
  }

  @Override
  public void close() {
    file.close();
  }
}
