package io.protstream.model.fetch;

import java.io.IOException;

/** Progress of {@link HttpDownloader}, e.g. for a progress bar. Called on the download thread. */
public interface DownloadListener {

  /**
   * A transfer begins.
   *
   * @param offset bytes already on disk from an interrupted transfer (resumed from here)
   * @param total the file's size, or -1 when the server does not say
   */
  default void started(RemoteFile file, long offset, long total) {}

  /** {@code bytes} more arrived. */
  default void transferred(long bytes) {}

  /** A transfer failed and is tried again, resuming where it stopped. */
  default void retrying(RemoteFile file, int attempt, IOException cause) {}

  default void finished(Download download) {}

  DownloadListener NONE = new DownloadListener() {};
}
