package io.protstream.model.checkpoint;

import java.util.List;

/** The objects a whitelisted PyTorch pickle is allowed to produce besides plain containers. */
final class TorchPickle {

  private TorchPickle() {}

  /** A persistent reference to a storage blob {@code data/<key>} inside the zip archive. */
  record StorageRef(DType dtype, String key, long elementCount) {}

  /** A tensor view onto a storage: {@code torch._utils._rebuild_tensor_v2}'s arguments. */
  record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {

    boolean isContiguous() {
      long expected = 1;
      for (int i = shape.length - 1; i >= 0; i--) {
        if (shape[i] != 1 && stride[i] != expected) {
          return false;
        }
        expected *= shape[i];
      }
      return true;
    }
  }

  /** The value a {@code torch.XStorage} global stands for: only its element type matters. */
  record StorageType(DType dtype) {}

  static long[] longs(Object tupleOrList, String what) {
    Object[] items =
        tupleOrList instanceof Object[] array
            ? array
            : tupleOrList instanceof List<?> list ? list.toArray() : null;
    if (items == null) {
      throw new CheckpointException("malformed tensor " + what + ": " + tupleOrList);
    }
    long[] out = new long[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = toLong(items[i], what);
    }
    return out;
  }

  static long toLong(Object value, String what) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    throw new CheckpointException("malformed tensor " + what + ": " + value);
  }
}
