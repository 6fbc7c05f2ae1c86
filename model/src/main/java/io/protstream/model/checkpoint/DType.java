package io.protstream.model.checkpoint;

/** Element types a checkpoint tensor may be stored in. */
public enum DType {
  F32(4),
  F16(2),
  BF16(2),
  F64(8),
  I64(8),
  I32(4),
  I16(2),
  I8(1),
  U8(1),
  BOOL(1);

  private final int byteSize;

  DType(int byteSize) {
    this.byteSize = byteSize;
  }

  public int byteSize() {
    return byteSize;
  }

  /** Parses a safetensors dtype name ({@code F32}, {@code BF16}, ...). */
  public static DType ofSafetensors(String name) {
    return switch (name) {
      case "F32" -> F32;
      case "F16" -> F16;
      case "BF16" -> BF16;
      case "F64" -> F64;
      case "I64" -> I64;
      case "I32" -> I32;
      case "I16" -> I16;
      case "I8" -> I8;
      case "U8" -> U8;
      case "BOOL" -> BOOL;
      default -> throw new CheckpointException("unsupported safetensors dtype " + name);
    };
  }

  /** Parses a PyTorch storage class name ({@code FloatStorage}, {@code HalfStorage}, ...). */
  public static DType ofTorchStorage(String name) {
    return switch (name) {
      case "FloatStorage" -> F32;
      case "HalfStorage" -> F16;
      case "BFloat16Storage" -> BF16;
      case "DoubleStorage" -> F64;
      case "LongStorage" -> I64;
      case "IntStorage" -> I32;
      case "ShortStorage" -> I16;
      case "CharStorage" -> I8;
      case "ByteStorage" -> U8;
      case "BoolStorage" -> BOOL;
      default -> throw new CheckpointException("unsupported PyTorch storage type " + name);
    };
  }
}
