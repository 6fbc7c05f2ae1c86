package io.protstream.model.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import io.protstream.schemas.Fp16Matrix;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link GraphBuilder}'s graph as an ONNX model file.
 *
 * <p>A protobuf message cannot exceed 2 GB, and the ProtT5-XL encoder holds 4.8 GB of fp32 weights,
 * so when the weights pass {@link #externalDataThresholdBytes} every initializer of at least
 * {@value #MIN_EXTERNAL_BYTES} bytes goes to a side file {@code <model>.data} that ONNX Runtime
 * reads from the model's folder. Offsets are aligned so the runtime can memory-map the tensors.
 */
public final class OnnxModelWriter {

  /** Leaves room under the 2 GiB protobuf limit for the graph itself. */
  public static final long DEFAULT_EXTERNAL_THRESHOLD = 1L << 30;

  private static final long MIN_EXTERNAL_BYTES = 1024;
  private static final long ALIGNMENT = 64 * 1024;

  private final long externalDataThresholdBytes;

  public OnnxModelWriter() {
    this(DEFAULT_EXTERNAL_THRESHOLD);
  }

  public OnnxModelWriter(long externalDataThresholdBytes) {
    this.externalDataThresholdBytes = externalDataThresholdBytes;
  }

  /** Files written for one model: the graph and, where used, its external data. */
  public record Written(Path model, Path externalData, long weightBytes, long parameterCount) {

    public List<Path> files() {
      return externalData == null ? List.of(model) : List.of(model, externalData);
    }
  }

  public Written write(GraphBuilder graph, Path modelFile, Map<String, String> metadata) {
    List<Weight> weights = graph.weights();
    long total = weights.stream().mapToLong(Weight::byteSize).sum();
    long parameters = weights.stream().mapToLong(Weight::elementCount).sum();
    boolean external = total > externalDataThresholdBytes;
    Path dataFile = modelFile.resolveSibling(modelFile.getFileName() + ".data");
    try {
      Files.createDirectories(modelFile.toAbsolutePath().getParent());
      Files.deleteIfExists(dataFile);
      GraphProto.Builder g = graph.graphWithoutWeights();
      if (external) {
        try (FileChannel data =
            FileChannel.open(
                dataFile,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
          for (Weight w : weights) {
            g.addInitializer(
                w.byteSize() >= MIN_EXTERNAL_BYTES
                    ? externalTensor(w, data, dataFile.getFileName().toString())
                    : inlineTensor(w));
          }
        }
      } else {
        for (Weight w : weights) {
          g.addInitializer(inlineTensor(w));
        }
      }
      ModelProto.Builder model =
          ModelProto.newBuilder()
              .setIrVersion(8)
              .setProducerName("protstream")
              .addOpsetImport(
                  OperatorSetIdProto.newBuilder().setDomain("").setVersion(GraphBuilder.OPSET))
              .setGraph(g);
      metadata.forEach(
          (k, v) ->
              model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
      try (OutputStream out = Files.newOutputStream(modelFile)) {
        model.build().writeTo(out);
      }
      return new Written(modelFile, external ? dataFile : null, total, parameters);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + modelFile, e);
    }
  }

  private static TensorProto.Builder header(Weight w) {
    DataType type = w.half() ? DataType.FLOAT16 : DataType.FLOAT;
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(w.name()).setDataType(type.getNumber());
    for (long d : w.dims()) {
      t.addDims(d);
    }
    return t;
  }

  private static TensorProto inlineTensor(Weight w) {
    return header(w).setRawData(ByteString.copyFrom(encode(w))).build();
  }

  private static TensorProto externalTensor(Weight w, FileChannel data, String location)
      throws IOException {
    long offset = (data.position() + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    ByteBuffer bytes = encode(w);
    long length = bytes.remaining();
    data.position(offset);
    while (bytes.hasRemaining()) {
      data.write(bytes);
    }
    return header(w)
        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(entry("location", location))
        .addExternalData(entry("offset", Long.toString(offset)))
        .addExternalData(entry("length", Long.toString(length)))
        .build();
  }

  private static float[] values(Weight w) {
    float[] v = w.values().get();
    if (v.length != w.elementCount()) {
      throw new IllegalStateException(
          "weight " + w.name() + " has " + v.length + " values, expected " + w.elementCount());
    }
    return v;
  }

  private static ByteBuffer encode(Weight w) {
    float[] values = values(w);
    if (w.half()) {
      ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) {
        b.putShort(Fp16Matrix.toHalf(v));
      }
      return b.flip();
    }
    ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return b;
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }
}
