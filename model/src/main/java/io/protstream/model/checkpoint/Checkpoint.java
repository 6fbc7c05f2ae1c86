package io.protstream.model.checkpoint;

import java.util.Set;

/**
 * Named weight tensors read lazily from a file, so that a multi-gigabyte encoder never has to sit
 * in memory at once: each tensor is decoded to fp32 when asked for.
 */
public interface Checkpoint extends AutoCloseable {

  Set<String> names();

  TensorInfo info(String name);

  /** The tensor's values as fp32 in row-major order, whatever the stored element type. */
  float[] floats(String name);

  default boolean contains(String name) {
    return names().contains(name);
  }

  /** Like {@link #info} but names the file's content in the error. */
  default TensorInfo require(String name) {
    if (!contains(name)) {
      throw new CheckpointException("checkpoint has no tensor '" + name + "'");
    }
    return info(name);
  }

  @Override
  void close();
}
