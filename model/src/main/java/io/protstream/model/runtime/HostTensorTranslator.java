package io.protstream.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves named {@link HostTensor}s into a DJL predictor and the named outputs back into Java arrays,
 * before the predictor's per-call memory is released.
 */
final class HostTensorTranslator
    implements NoBatchifyTranslator<Map<String, HostTensor>, Map<String, HostTensor>> {

  @Override
  public NDList processInput(TranslatorContext ctx, Map<String, HostTensor> inputs) {
    NDManager manager = ctx.getNDManager();
    NDList list = new NDList(inputs.size());
    for (Map.Entry<String, HostTensor> e : inputs.entrySet()) {
      HostTensor t = e.getValue();
      Shape shape = new Shape(t.shape());
      NDArray array =
          t.isFloat()
              ? manager.create(FloatBuffer.wrap(t.floats()), shape, DataType.FLOAT32)
              : manager.create(LongBuffer.wrap(t.longs()), shape, DataType.INT64);
      array.setName(e.getKey());
      list.add(array);
    }
    return list;
  }

  @Override
  public Map<String, HostTensor> processOutput(TranslatorContext ctx, NDList list) {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    for (NDArray array : list) {
      long[] shape = array.getShape().getShape();
      // the graphs built here only produce fp32 and int64; DJL's ORT engine cannot convert types
      HostTensor t =
          switch (array.getDataType()) {
            case FLOAT32 -> HostTensor.ofFloats(array.toFloatArray(), shape);
            case INT64 -> HostTensor.ofLongs(array.toLongArray(), shape);
            default ->
                throw new IllegalStateException(
                    "output " + array.getName() + " has unsupported type " + array.getDataType());
          };
      out.put(array.getName(), t);
    }
    return out;
  }
}
