package io.protstream.model.checkpoint;

import io.protstream.model.checkpoint.TorchPickle.StorageRef;
import io.protstream.model.checkpoint.TorchPickle.StorageType;
import io.protstream.model.checkpoint.TorchPickle.TensorRef;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the pickle inside a PyTorch checkpoint while allowing only what a weights file needs:
 * tensor rebuilds, storages, (ordered) dicts and primitives. Every global is resolved here against
 * a fixed table instead of the library's process-wide constructor registry, and the opcodes that
 * instantiate classes by name are refused, so a crafted file cannot make us build arbitrary
 * objects.
 */
final class WhitelistingUnpickler extends Unpickler {

  private static final short GLOBAL = 'c';
  private static final short STACK_GLOBAL = 0x93;
  private static final short BUILD = 'b';
  private static final short INST = 'i';
  private static final short OBJ = 'o';
  private static final short NEWOBJ = 0x81;
  private static final short EXT1 = 0x82;
  private static final short EXT2 = 0x83;
  private static final short EXT4 = 0x84;
  private static final short NEWOBJ_EX = 0x92;

  private final String source;
  private final Map<String, StorageRef> storages = new LinkedHashMap<>();

  WhitelistingUnpickler(String source) {
    this.source = source;
  }

  /** Every storage the pickle referred to, by key. */
  Map<String, StorageRef> storages() {
    return storages;
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    switch (key) {
      case GLOBAL -> {
        String module = PickleUtils.readline(input);
        String name = PickleUtils.readline(input);
        stack.add(resolve(module, name));
        return NO_RETURN_VALUE;
      }
      case STACK_GLOBAL -> {
        Object name = stack.pop();
        Object module = stack.pop();
        stack.add(resolve(String.valueOf(module), String.valueOf(name)));
        return NO_RETURN_VALUE;
      }
      case BUILD -> {
        Object state = stack.pop();
        Object target = stack.peek();
        // torch attaches module version metadata to state dicts; tensors may carry hooks state
        if (!(target instanceof Map<?, ?>) && !(target instanceof TensorRef)) {
          throw refused("BUILD on " + describe(target) + " with state " + describe(state));
        }
        return NO_RETURN_VALUE;
      }
      case INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT1, EXT2, EXT4 ->
          throw refused("opcode 0x" + Integer.toHexString(key) + " (object instantiation)");
      default -> {
        return super.dispatch(key);
      }
    }
  }

  @Override
  protected Object persistentLoad(Object pid) {
    if (pid instanceof Object[] t
        && t.length >= 5
        && "storage".equals(t[0])
        && t[1] instanceof StorageTypeConstructor type) {
      if (t.length > 5 && t[5] != null) {
        throw refused("a storage view (saved by PyTorch before 0.4)");
      }
      StorageRef ref =
          new StorageRef(
              type.type().dtype(), String.valueOf(t[2]), TorchPickle.toLong(t[4], "numel"));
      storages.putIfAbsent(ref.key(), ref);
      return ref;
    }
    throw refused("persistent id " + describe(pid));
  }

  private IObjectConstructor resolve(String module, String name) {
    String qualified = module + "." + name;
    switch (qualified) {
      case "collections.OrderedDict":
        return args -> orderedDict(args);
      case "torch._utils._rebuild_tensor_v2":
        return WhitelistingUnpickler::rebuildTensor;
      case "torch._utils._rebuild_parameter":
        return args -> args[0];
      default:
        if (module.equals("torch") && name.endsWith("Storage")) {
          DType dtype = DType.ofTorchStorage(name);
          return new StorageTypeConstructor(new StorageType(dtype));
        }
        throw refused("global " + qualified);
    }
  }

  private static Object orderedDict(Object[] args) {
    Map<Object, Object> map = new LinkedHashMap<>();
    if (args.length > 0 && args[0] instanceof Iterable<?> pairs) {
      for (Object pair : pairs) {
        if (pair instanceof Object[] kv && kv.length == 2) {
          map.put(kv[0], kv[1]);
        }
      }
    }
    return map;
  }

  private static Object rebuildTensor(Object[] args) {
    if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
      throw new CheckpointException("malformed _rebuild_tensor_v2 arguments");
    }
    return new TensorRef(
        storage,
        TorchPickle.toLong(args[1], "offset"),
        TorchPickle.longs(args[2], "size"),
        TorchPickle.longs(args[3], "stride"));
  }

  private UnsafePickleException refused(String what) {
    return new UnsafePickleException(
        source
            + ": refusing "
            + what
            + "; only tensors, storages, dicts, ordered dicts and primitives are allowed in a"
            + " weights file");
  }

  private static String describe(Object o) {
    return o == null ? "None" : o.getClass().getSimpleName();
  }

  /**
   * Pushed for a {@code torch.XStorage} global. Pickles only pass it inside persistent ids, so it
   * is never called; {@link #persistentLoad} unwraps it.
   */
  private record StorageTypeConstructor(StorageType type) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      throw new CheckpointException("storage types cannot be constructed");
    }
  }
}
