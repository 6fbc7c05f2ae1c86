package io.protstream.model.checkpoint;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Makes a tied tensor readable under every name it is known by. T5 ties {@code shared.weight} and
 * {@code encoder.embed_tokens.weight}; safetensors keeps one copy, PyTorch may keep either.
 */
public final class TiedWeights implements Checkpoint {

  private final Checkpoint delegate;
  private final String first;
  private final String second;
  private final Set<String> names;

  private TiedWeights(Checkpoint delegate, String first, String second) {
    this.delegate = delegate;
    this.first = first;
    this.second = second;
    Set<String> all = new LinkedHashSet<>(delegate.names());
    all.add(first);
    all.add(second);
    this.names = java.util.Collections.unmodifiableSet(all);
  }

  /** Returns the checkpoint unchanged unless exactly one of the two names is present. */
  public static Checkpoint resolve(Checkpoint checkpoint, String first, String second) {
    boolean hasFirst = checkpoint.contains(first);
    boolean hasSecond = checkpoint.contains(second);
    if (hasFirst == hasSecond) {
      return checkpoint;
    }
    return new TiedWeights(checkpoint, first, second);
  }

  private String stored(String name) {
    if (name.equals(first) || name.equals(second)) {
      return delegate.contains(first) ? first : second;
    }
    return name;
  }

  @Override
  public Set<String> names() {
    return names;
  }

  @Override
  public TensorInfo info(String name) {
    TensorInfo info = delegate.info(stored(name));
    return new TensorInfo(name, info.dtype(), info.shape());
  }

  @Override
  public float[] floats(String name) {
    return delegate.floats(stored(name));
  }

  @Override
  public void close() {
    delegate.close();
  }
}
