package io.protstream.model.runtime;

/** The configured execution device cannot be used in this process. */
public final class DeviceUnavailableException extends RuntimeException {

  public DeviceUnavailableException(String message) {
    super(message);
  }

  public DeviceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
