package io.protstream.model.fetch;

import java.io.IOException;

/** A downloaded file whose SHA-256 is not the published one; the bytes have been deleted. */
public final class ChecksumMismatchException extends IOException {

  public ChecksumMismatchException(RemoteFile file, String actual) {
    super(
        file.uri()
            + ": SHA-256 "
            + actual
            + " differs from the published "
            + file.sha256()
            + "; the download was deleted");
  }
}
