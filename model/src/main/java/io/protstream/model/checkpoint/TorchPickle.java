package io.protstream.model.checkpoint;

import java.util.List;

/** The objects a whitelisted PyTorch pickle is allowed to produce besides plain containers. */
final class TorchPickle {

  private TorchPickle() {}

  /** A persistent reference to a storage blob {@code data/<key>} inside the zip archive. */
  record StorageRef(DType dtype, String key, long elementCount) {

    StorageRef {
      if (elementCount < 0) {
        throw new CheckpointException("storage " + key + " declares " + elementCount + " elements");
      }
    }

    /** The storage's size in bytes; refused if it does not fit a long. */
    long byteCount() {
      return Checked.multiply(elementCount, dtype.byteSize(), "storage " + key + " size");
    }
  }

  /** A tensor view onto a storage: {@code torch._utils._rebuild_tensor_v2}'s arguments. */
  record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {

    /**
     * Checks that every element of this view lies inside its storage, with sizes that fit an array,
     * before anything is read or allocated.
     */
    void checkWithinStorage(String name) {
      String what = "tensor " + name;
      if (shape.length != stride.length) {
        throw new CheckpointException(
            what + " has " + shape.length + " sizes but " + stride.length + " strides");
      }
      long count = Checked.elementCount(shape, what);
      if (count > Checked.MAX_ARRAY) {
        throw new CheckpointException(
            what + " has " + count + " elements, more than one array holds");
      }
      if (offset < 0) {
        throw new CheckpointException(what + " has a negative storage offset");
      }
      if (count == 0) {
        return;
      }
      long last = offset;
      for (int i = 0; i < shape.length; i++) {
        if (stride[i] < 0) {
          throw new CheckpointException(what + " has a negative stride");
        }
        last = Checked.add(last, Checked.multiply(shape[i] - 1, stride[i], what), what);
      }
      if (last >= storage.elementCount()) {
        throw new CheckpointException(
            what
                + " reaches element "
                + last
                + " of storage "
                + storage.key()
                + ", which has "
                + storage.elementCount());
      }
      if (!isContiguous() && storage.elementCount() > Checked.MAX_ARRAY) {
        throw new CheckpointException(what + " is a strided view of a storage too large to read");
      }
    }

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
