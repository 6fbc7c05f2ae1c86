package io.protstream.model.fetch;

import java.io.IOException;
import java.net.URI;

/** The server answered with a status that is not the file. */
public final class HttpStatusException extends IOException {

  private final int status;

  public HttpStatusException(URI uri, int status) {
    super(uri + ": HTTP " + status + (status == 401 || status == 403 ? " (set HF_TOKEN?)" : ""));
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** Server-side trouble and throttling pass; a missing file or a refused token do not. */
  public boolean retryable() {
    return status >= 500 || status == 408 || status == 429;
  }
}
