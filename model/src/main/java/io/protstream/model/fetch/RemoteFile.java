package io.protstream.model.fetch;

import java.net.URI;

/**
 * One file to download.
 *
 * @param uri where it is published
 * @param target path of the downloaded file, relative to the download folder
 * @param sha256 the published SHA-256 (lower-case hex), or null where none is published: such a
 *     file is recorded with the digest it arrived with but cannot be verified
 */
public record RemoteFile(URI uri, String target, String sha256) {

  public boolean pinned() {
    return sha256 != null;
  }
}
