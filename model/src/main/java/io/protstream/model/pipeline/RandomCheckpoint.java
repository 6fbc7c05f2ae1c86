package io.protstream.model.pipeline;

import io.protstream.model.checkpoint.Checkpoint;
import io.protstream.model.checkpoint.CheckpointException;
import io.protstream.model.checkpoint.DType;
import io.protstream.model.checkpoint.TensorInfo;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic random weights under given names and shapes. Each tensor is generated from the seed
 * and its own name, so any tensor can be produced on demand and in any order with the same values.
 * Values are uniform with the standard deviation a tensor is initialized with, which keeps
 * activations in the usual range without the cost of Gaussian sampling for billions of values.
 */
public final class RandomCheckpoint implements Checkpoint {

  /** How one tensor is filled: uniform with standard deviation {@code std} around {@code mean}. */
  public record Init(long[] shape, double mean, double std) {}

  private final long seed;
  private final Map<String, Init> tensors;

  private RandomCheckpoint(long seed, Map<String, Init> tensors) {
    this.seed = seed;
    this.tensors = Collections.unmodifiableMap(tensors);
  }

  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  /** Collects tensor names in insertion order. */
  public static final class Builder {
    private final long seed;
    private final Map<String, Init> tensors = new LinkedHashMap<>();

    private Builder(long seed) {
      this.seed = seed;
    }

    public Builder add(String name, double mean, double std, long... shape) {
      tensors.put(name, new Init(shape, mean, std));
      return this;
    }

    public RandomCheckpoint build() {
      return new RandomCheckpoint(seed, new LinkedHashMap<>(tensors));
    }
  }

  @Override
  public Set<String> names() {
    return tensors.keySet();
  }

  @Override
  public TensorInfo info(String name) {
    return new TensorInfo(name, DType.F32, init(name).shape().clone());
  }

  @Override
  public float[] floats(String name) {
    Init init = init(name);
    int n = Math.toIntExact(new TensorInfo(name, DType.F32, init.shape()).elementCount());
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ nameHash(name));
    float halfWidth = (float) (init.std() * Math.sqrt(3));
    float mean = (float) init.mean();
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = mean + halfWidth * (2 * (float) random.nextDouble() - 1);
    }
    return values;
  }

  private Init init(String name) {
    Init init = tensors.get(name);
    if (init == null) {
      throw new CheckpointException("random checkpoint has no tensor '" + name + "'");
    }
    return init;
  }

  /** FNV-1a over the UTF-8 name: stable across JVMs and releases, so seeds stay reproducible. */
  private static long nameHash(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h;
  }

  @Override
  public void close() {}
}
