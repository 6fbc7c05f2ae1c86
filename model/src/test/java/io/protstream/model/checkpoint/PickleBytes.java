package io.protstream.model.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, to craft the weights files a hostile source could send. */
final class PickleBytes {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static PickleBytes protocol2() {
    PickleBytes p = new PickleBytes();
    p.op(0x80).op(2);
    return p;
  }

  PickleBytes op(int opcode) {
    out.write(opcode);
    return this;
  }

  PickleBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  PickleBytes int32(long value) {
    return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
  }

  PickleBytes int64(long value) {
    return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
  }

  /** BINUNICODE. */
  PickleBytes str(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return op('X').int32(utf8.length).raw(utf8);
  }

  /** LONG1 with 8 bytes: any long. */
  PickleBytes num(long value) {
    return op(0x8a).op(8).int64(value);
  }

  PickleBytes global(String module, String name) {
    return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  PickleBytes mark() {
    return op('(');
  }

  PickleBytes tuple() {
    return op('t');
  }

  PickleBytes longs(long... values) {
    mark();
    for (long v : values) {
      num(v);
    }
    return tuple();
  }

  /** {@code torch._utils._rebuild_tensor_v2} of a float storage, as {@code torch.save} writes. */
  PickleBytes floatTensor(
      String storageKey, long storageElements, long offset, long[] shape, long[] stride) {
    global("torch._utils", "_rebuild_tensor_v2");
    mark();
    mark().str("storage").global("torch", "FloatStorage").str(storageKey).str("cpu");
    num(storageElements).tuple().op('Q');
    num(offset).longs(shape).longs(stride);
    tuple();
    return op('R');
  }

  PickleBytes stop() {
    return op('.');
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
