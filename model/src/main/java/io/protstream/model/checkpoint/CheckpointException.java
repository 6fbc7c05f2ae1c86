package io.protstream.model.checkpoint;

/** A checkpoint file that cannot be read: malformed, unsupported, or unsafe. */
public class CheckpointException extends RuntimeException {

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
