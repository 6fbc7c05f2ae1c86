package io.protstream.model.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Assembles an ONNX graph (opset {@value #OPSET}) node by node. Values are referred to by name;
 * every op helper returns the name of its output. Large weights are kept as {@link Weight}s and
 * only materialized by {@link OnnxModelWriter}.
 */
public final class GraphBuilder {

  public static final int OPSET = 17;

  private final String graphName;
  private final List<NodeProto> nodes = new ArrayList<>();
  private final List<ValueInfoProto> inputs = new ArrayList<>();
  private final List<ValueInfoProto> outputs = new ArrayList<>();
  private final List<TensorProto> constants = new ArrayList<>();
  private final List<Weight> weights = new ArrayList<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final boolean halfWeights;
  private String scope = "";

  public GraphBuilder(String graphName) {
    this(graphName, false);
  }

  /**
   * @param halfWeights store large weights as fp16 and cast them to fp32 in the graph: the file
   *     halves (the published encoder is fp16 anyway) while computation stays fp32
   */
  public GraphBuilder(String graphName, boolean halfWeights) {
    this.graphName = graphName;
    this.halfWeights = halfWeights;
  }

  /** Prefix for generated value names, so a dumped graph reads by layer. */
  public void scope(String prefix) {
    this.scope = prefix.isEmpty() ? "" : prefix + "/";
  }

  /** Declares a graph input; dims are {@code Long} sizes or {@code String} symbolic names. */
  public String input(String name, DataType type, Object... dims) {
    inputs.add(valueInfo(name, type, dims));
    return name;
  }

  /** Exposes {@code value} as graph output {@code name} (through an Identity when renamed). */
  public void output(String value, String name, DataType type, Object... dims) {
    if (!value.equals(name)) {
      nodes.add(
          NodeProto.newBuilder()
              .setOpType("Identity")
              .setName(name)
              .addInput(value)
              .addOutput(name)
              .build());
    }
    outputs.add(valueInfo(name, type, dims));
  }

  /** Registers a weight and returns the name under which nodes use it (always fp32). */
  public String weight(String name, long[] dims, Supplier<float[]> values) {
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    // vectors stay fp32: they are tiny and norm scales are where half precision would bite first
    boolean half = halfWeights && dims.length >= 2 && count >= 1024;
    weights.add(new Weight(half ? name + ".fp16" : name, dims, values, half));
    return half ? op("Cast", name + ".fp16", Attr.i("to", DataType.FLOAT.getNumber())) : name;
  }

  public String constLongs(long[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return constant(DataType.INT64, b.array(), dims);
  }

  public String constLong(long value) {
    return constLongs(new long[] {value});
  }

  /** A 1-element int64 vector, the form axes and shapes take. */
  public String constAxes(long... axes) {
    return constLongs(axes, axes.length);
  }

  public String constFloat(float value) {
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
    return constant(DataType.FLOAT, b.array());
  }

  private String constant(DataType type, byte[] raw, long... dims) {
    String name = fresh("const");
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(type.getNumber())
            .setRawData(ByteString.copyFrom(raw));
    for (long d : dims) {
      t.addDims(d);
    }
    constants.add(t.build());
    return name;
  }

  /** Adds a node with one output and returns that output's name. */
  public String op(String opType, List<String> in, AttributeProto... attrs) {
    return ops(opType, 1, in, attrs)[0];
  }

  public String op(String opType, String a, AttributeProto... attrs) {
    return op(opType, List.of(a), attrs);
  }

  public String op(String opType, String a, String b, AttributeProto... attrs) {
    return op(opType, List.of(a, b), attrs);
  }

  /** Adds a node with {@code outputCount} outputs. */
  public String[] ops(String opType, int outputCount, List<String> in, AttributeProto... attrs) {
    String nodeName = fresh(opType);
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(nodeName);
    n.addAllInput(in);
    String[] out = new String[outputCount];
    for (int i = 0; i < outputCount; i++) {
      out[i] = outputCount == 1 ? nodeName : nodeName + ":" + i;
      n.addOutput(out[i]);
    }
    n.addAllAttribute(Arrays.asList(attrs));
    nodes.add(n.build());
    return out;
  }

  // --- the ops the graphs use, named as ONNX names them ---

  public String add(String a, String b) {
    return op("Add", a, b);
  }

  public String sub(String a, String b) {
    return op("Sub", a, b);
  }

  public String mul(String a, String b) {
    return op("Mul", a, b);
  }

  public String div(String a, String b) {
    return op("Div", a, b);
  }

  public String matMul(String a, String b) {
    return op("MatMul", a, b);
  }

  public String cast(String a, DataType to) {
    return op("Cast", a, Attr.i("to", to.getNumber()));
  }

  public String transpose(String a, long... perm) {
    return op("Transpose", a, Attr.ints("perm", perm));
  }

  public String reshape(String a, long... shape) {
    return op("Reshape", a, constAxes(shape));
  }

  public String unsqueeze(String a, long... axes) {
    return op("Unsqueeze", a, constAxes(axes));
  }

  public String squeeze(String a, long... axes) {
    return op("Squeeze", a, constAxes(axes));
  }

  public String gather(String data, String indices) {
    return op("Gather", data, indices);
  }

  /** ReduceSum takes its axes as an input since opset 13. */
  public String reduceSum(String a, boolean keepDims, long... axes) {
    return op("ReduceSum", List.of(a, constAxes(axes)), Attr.i("keepdims", keepDims ? 1 : 0));
  }

  /** ReduceMean and ReduceMax keep axes as an attribute until opset 18. */
  public String reduceMean(String a, boolean keepDims, long... axes) {
    return op("ReduceMean", a, Attr.ints("axes", axes), Attr.i("keepdims", keepDims ? 1 : 0));
  }

  public String reduceMax(String a, boolean keepDims, long... axes) {
    return op("ReduceMax", a, Attr.ints("axes", axes), Attr.i("keepdims", keepDims ? 1 : 0));
  }

  public String softmax(String a, long axis) {
    return op("Softmax", a, Attr.i("axis", axis));
  }

  public String relu(String a) {
    return op("Relu", a);
  }

  public String where(String condition, String ifTrue, String ifFalse) {
    return op("Where", List.of(condition, ifTrue, ifFalse));
  }

  /** 1-D convolution over [batch, channels, length] with symmetric zero padding. */
  public String conv1d(String x, String weight, String bias, int kernel, int pad) {
    return op(
        "Conv",
        List.of(x, weight, bias),
        Attr.ints("kernel_shape", kernel),
        Attr.ints("pads", pad, pad));
  }

  // --- assembly ---

  List<Weight> weights() {
    return weights;
  }

  GraphProto.Builder graphWithoutWeights() {
    return GraphProto.newBuilder()
        .setName(graphName)
        .addAllNode(nodes)
        .addAllInput(inputs)
        .addAllOutput(outputs)
        .addAllInitializer(constants);
  }

  private String fresh(String base) {
    String key = scope + base;
    int n = counters.merge(key, 1, Integer::sum);
    return n == 1 ? key : key + "_" + n;
  }

  private static ValueInfoProto valueInfo(String name, DataType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Number n) {
        dim.setDimValue(n.longValue());
      } else {
        dim.setDimParam(String.valueOf(d));
      }
      shape.addDim(dim);
    }
    TypeProto.Tensor.Builder tensor =
        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape);
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tensor))
        .build();
  }
}
