package io.protstream.model.fetch;

import java.nio.file.Path;

/**
 * A file on disk after {@link HttpDownloader#download}.
 *
 * @param sha256 the digest of the bytes on disk
 * @param verified true when it equals the published digest; false when none is published
 * @param reused true when an earlier complete download was kept
 */
public record Download(
    RemoteFile file, Path path, long bytes, String sha256, boolean verified, boolean reused) {}
