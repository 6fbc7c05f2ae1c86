package io.protstream.model.checkpoint;

/**
 * A pickle that asks for something outside the whitelist of a weights file. Such a file could run
 * code when opened with Python's own unpickler, so it is refused rather than interpreted.
 */
public final class UnsafePickleException extends CheckpointException {

  public UnsafePickleException(String message) {
    super(message);
  }
}
