package io.protstream.model.checkpoint;

import io.protstream.model.checkpoint.TorchPickle.StorageRef;
import io.protstream.model.checkpoint.TorchPickle.StorageType;
import io.protstream.model.checkpoint.TorchPickle.TensorRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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

  // opcodes followed by a declared length and that many bytes
  private static final short BINSTRING = 'T';
  private static final short BINBYTES = 'B';
  private static final short BINUNICODE = 'X';
  private static final short LONG4 = 0x8b;
  private static final short BINUNICODE8 = 0x8d;
  private static final short BINBYTES8 = 0x8e;
  private static final short BYTEARRAY8 = 0x96;

  private final String source;
  private final Map<String, StorageRef> storages = new LinkedHashMap<>();

  WhitelistingUnpickler(String source) {
    this.source = source;
  }

  /**
   * Reads one pickle. The input tells how many bytes may remain, so that no declared length is
   * allocated before it is known to fit.
   */
  Object load(PickleInput in) throws IOException {
    return super.load(in);
  }

  @Override
  public Object load(java.io.InputStream in) throws IOException {
    if (!(in instanceof PickleInput bounded)) {
      throw new IllegalArgumentException("a weights pickle is read from a PickleInput");
    }
    return load(bounded);
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
      case BINSTRING -> {
        stack.add(PickleUtils.rawStringFromBytes(declared(signedInt32(), "BINSTRING")));
        return NO_RETURN_VALUE;
      }
      case BINBYTES -> {
        stack.add(declared(unsignedInt32(), "BINBYTES"));
        return NO_RETURN_VALUE;
      }
      case BINUNICODE -> {
        stack.add(new String(declared(unsignedInt32(), "BINUNICODE"), StandardCharsets.UTF_8));
        return NO_RETURN_VALUE;
      }
      case BINUNICODE8 -> {
        stack.add(new String(declared(int64(), "BINUNICODE8"), StandardCharsets.UTF_8));
        return NO_RETURN_VALUE;
      }
      case BINBYTES8 -> {
        stack.add(declared(int64(), "BINBYTES8"));
        return NO_RETURN_VALUE;
      }
      case BYTEARRAY8 -> {
        stack.add(declared(int64(), "BYTEARRAY8"));
        return NO_RETURN_VALUE;
      }
      case LONG4 -> {
        stack.add(PickleUtils.decode_long(declared(signedInt32(), "LONG4")));
        return NO_RETURN_VALUE;
      }
      case INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT1, EXT2, EXT4 ->
          throw refused("opcode 0x" + Integer.toHexString(key) + " (object instantiation)");
      default -> {
        return super.dispatch(key);
      }
    }
  }

  private byte[] declared(long length, String opcode) throws IOException {
    return ((PickleInput) input).readDeclared(length, source + ": pickle opcode " + opcode);
  }

  private long signedInt32() throws IOException {
    return (int) unsignedInt32();
  }

  private long unsignedInt32() throws IOException {
    return ByteBuffer.wrap(lengthBytes(4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
  }

  private long int64() throws IOException {
    return ByteBuffer.wrap(lengthBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private byte[] lengthBytes(int n) throws IOException {
    return ((PickleInput) input).readDeclared(n, source + ": pickle length field");
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
