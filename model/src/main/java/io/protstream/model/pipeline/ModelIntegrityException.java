package io.protstream.model.pipeline;

/** A model folder whose files are not the ones its manifest lists: changed, damaged or missing. */
public final class ModelIntegrityException extends RuntimeException {

  public ModelIntegrityException(String message) {
    super(message);
  }
}
