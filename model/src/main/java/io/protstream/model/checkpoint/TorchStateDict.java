package io.protstream.model.checkpoint;

import io.protstream.model.checkpoint.TorchPickle.StorageRef;
import io.protstream.model.checkpoint.TorchPickle.TensorRef;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The tensors of an unpickled PyTorch state dict, whatever container held their storages. Accepts a
 * bare state dict (the published half-precision encoder) or {@code {'state_dict': ...}} (head
 * checkpoints). Tensors that share a storage, or view it with strides, are each read on their own.
 */
final class TorchStateDict implements Checkpoint {

  private final Path file;
  private final Map<String, TensorRef> tensors;
  private final Function<StorageRef, byte[]> storages;
  private final Runnable onClose;

  TorchStateDict(
      Path file, Object unpickled, Function<StorageRef, byte[]> storages, Runnable onClose) {
    this.file = file;
    this.tensors = stateDict(unpickled, file);
    this.storages = storages;
    this.onClose = onClose;
  }

  private static Map<String, TensorRef> stateDict(Object root, Path file) {
    Object dict = root;
    if (root instanceof Map<?, ?> map && map.get("state_dict") instanceof Map<?, ?> inner) {
      dict = inner;
    }
    if (!(dict instanceof Map<?, ?> map)) {
      throw new CheckpointException(file + " does not hold a state dict");
    }
    Map<String, TensorRef> tensors = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (e.getValue() instanceof TensorRef t) {
        String name = String.valueOf(e.getKey());
        try {
          t.checkWithinStorage(name);
        } catch (CheckpointException bad) {
          throw new CheckpointException(file + ": " + bad.getMessage());
        }
        tensors.put(name, t);
      }
    }
    if (tensors.isEmpty()) {
      throw new CheckpointException(file + " holds no tensors");
    }
    return Collections.unmodifiableMap(tensors);
  }

  @Override
  public Set<String> names() {
    return tensors.keySet();
  }

  @Override
  public TensorInfo info(String name) {
    TensorRef t = tensor(name);
    return new TensorInfo(name, t.storage().dtype(), t.shape().clone());
  }

  @Override
  public float[] floats(String name) {
    TensorRef t = tensor(name);
    DType dtype = t.storage().dtype();
    // checked against the storage when the file was opened
    int count = Math.toIntExact(info(name).elementCount());
    byte[] storage = storages.apply(t.storage());
    if (storage.length < t.storage().byteCount()) {
      throw new CheckpointException(file + ": storage " + t.storage().key() + " is truncated");
    }
    if (t.isContiguous()) {
      ByteBuffer view = ByteBuffer.wrap(storage);
      view.position(Math.toIntExact(t.offset() * dtype.byteSize()));
      return Floats.decode(view, dtype, count);
    }
    float[] all = Floats.decode(ByteBuffer.wrap(storage), dtype, storage.length / dtype.byteSize());
    return gather(all, t, count);
  }

  /** Copies a strided view into row-major order. */
  private static float[] gather(float[] storage, TensorRef t, int count) {
    float[] out = new float[count];
    long[] shape = t.shape();
    long[] index = new long[shape.length];
    for (int i = 0; i < count; i++) {
      long source = t.offset();
      for (int d = 0; d < shape.length; d++) {
        source += index[d] * t.stride()[d];
      }
      out[i] = storage[Math.toIntExact(source)];
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          break;
        }
        index[d] = 0;
      }
    }
    return out;
  }

  private TensorRef tensor(String name) {
    TensorRef t = tensors.get(name);
    if (t == null) {
      throw new CheckpointException(file + " has no tensor '" + name + "'");
    }
    return t;
  }

  @Override
  public void close() {
    onClose.run();
  }
}
