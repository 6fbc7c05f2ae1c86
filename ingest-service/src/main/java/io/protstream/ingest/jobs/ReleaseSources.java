package io.protstream.ingest.jobs;

import io.protstream.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens release files, but only from configured places: a regular file inside one of the allowed
 * directories, or an http(s) URL under one of the allowed URL prefixes. Everything else is refused
 * with a {@link SourceRefusedException} naming the rule, before anything is read. Downloads go
 * through {@link Download}: timeouts, a size cap, resume or clean failure, no redirects.
 *
 * <p>Rules, in order: {@code scheme} (a path, a {@code file:} URL, or http/https), {@code
 * parent-segments} (no {@code ..}), {@code allowed-directories} (the real path, links resolved,
 * lies in an allowed directory), {@code regular-file} (no FIFOs, devices or directories), {@code
 * allowed-url-prefixes} (scheme, host, port and path prefix of a configured prefix), {@code
 * local-address} (a host that resolves to a loopback, link-local or wildcard address is refused
 * unless a configured prefix names that address literally).
 */
@ApplicationScoped
public class ReleaseSources {

  private final List<Path> directories;
  private final List<URI> prefixes;
  private final HttpClient client;
  private final Duration readTimeout;
  private final long maxBytes;

  @Inject
  ReleaseSources(IngestConfig config) {
    this(
        allowedDirectories(config),
        config.ingest().sourceUrlPrefixes(),
        config.ingest().download().connectTimeout(),
        config.ingest().download().readTimeout(),
        config.ingest().download().maxBytes());
  }

  /** For tests and tools: the same rules with explicit settings. */
  public ReleaseSources(
      List<Path> directories,
      List<String> urlPrefixes,
      Duration connectTimeout,
      Duration readTimeout,
      long maxBytes) {
    this.directories = directories.stream().map(ReleaseSources::realDirectory).toList();
    this.prefixes = urlPrefixes.stream().map(ReleaseSources::prefix).toList();
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.readTimeout = readTimeout;
    this.maxBytes = maxBytes;
  }

  private static List<Path> allowedDirectories(IngestConfig config) {
    List<Path> dirs = new ArrayList<>();
    config.ingest().sourceDirectories().orElse(List.of()).forEach(d -> dirs.add(Path.of(d)));
    // files dropped into the watched directory are allowed by configuring it
    config.ingest().watchDirectory().ifPresent(d -> dirs.add(Path.of(d)));
    return dirs;
  }

  /** Checks a source against the rules without opening it; throws if refused. */
  public void check(String source) {
    resolve(source);
  }

  /** Opens an allowed source; decompression is the reader's job. */
  public InputStream open(String source) throws IOException {
    Object where = resolve(source);
    if (where instanceof Path path) {
      return Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
    }
    return Download.open(client, (URI) where, readTimeout, maxBytes);
  }

  private Object resolve(String source) {
    if (source == null || source.isBlank()) {
      throw new SourceRefusedException("scheme", "no source given");
    }
    String lower = source.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return url(source);
    }
    if (lower.startsWith("file:")) {
      String path;
      try {
        URI uri = new URI(source);
        if (uri.getRawPath() != null && hasParentSegment(uri.getRawPath())) {
          throw new SourceRefusedException("parent-segments", "'..' is not allowed: " + source);
        }
        path = Path.of(uri).toString();
      } catch (URISyntaxException
          | IllegalArgumentException
          | java.nio.file.FileSystemNotFoundException e) {
        if (e instanceof SourceRefusedException refused) {
          throw refused;
        }
        throw new SourceRefusedException(
            "scheme", "not a valid file URL: " + Redaction.url(source));
      }
      return file(path, source);
    }
    if (lower.matches("^[a-z][a-z0-9+.-]*:.*") && !lower.matches("^[a-z]:[\\\\/].*")) {
      throw new SourceRefusedException(
          "scheme", "only paths, file: and http(s) URLs are read: " + Redaction.url(source));
    }
    return file(source, source);
  }

  private Path file(String path, String source) {
    if (hasParentSegment(path)) {
      throw new SourceRefusedException("parent-segments", "'..' is not allowed: " + source);
    }
    Path real;
    try {
      real = Path.of(path).toAbsolutePath().normalize().toRealPath();
    } catch (IOException | RuntimeException e) {
      throw new SourceRefusedException(
          "allowed-directories", "no such file in an allowed directory: " + source);
    }
    if (directories.stream().noneMatch(real::startsWith)) {
      throw new SourceRefusedException(
          "allowed-directories",
          source
              + " is not inside an allowed directory (protstream.ingest.source-directories: "
              + directories
              + ")");
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new SourceRefusedException("regular-file", source + " is not a regular file");
    }
    return real;
  }

  private URI url(String source) {
    URI uri;
    try {
      uri = new URI(source);
    } catch (URISyntaxException e) {
      throw new SourceRefusedException("scheme", "not a valid URL: " + Redaction.url(source));
    }
    String shown = Redaction.url(source);
    if (uri.getHost() == null || uri.getRawPath() == null) {
      throw new SourceRefusedException("scheme", "URL without host or path: " + shown);
    }
    // also in escaped form (%2e%2e): a server may decode it after the prefix check
    if (hasParentSegment(uri.getPath()) || hasParentSegment(uri.getRawPath())) {
      throw new SourceRefusedException("parent-segments", "'..' is not allowed: " + shown);
    }
    Optional<URI> prefix = prefixes.stream().filter(p -> matches(p, uri)).findFirst();
    if (prefix.isEmpty()) {
      throw new SourceRefusedException(
          "allowed-url-prefixes",
          shown + " is not under an allowed prefix (protstream.ingest.source-url-prefixes)");
    }
    refuseLocalAddresses(uri, shown);
    return uri;
  }

  private static boolean hasParentSegment(String path) {
    for (String segment : path.split("[/\\\\]")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(URI prefix, URI uri) {
    return prefix.getScheme().equalsIgnoreCase(uri.getScheme())
        && prefix.getHost().equalsIgnoreCase(uri.getHost())
        && port(prefix) == port(uri)
        && uri.getRawPath().startsWith(prefix.getRawPath());
  }

  /**
   * A name that resolves to this machine or its link-local neighbours (cloud metadata services) is
   * refused even under an allowed prefix; only a prefix that spells the address itself allows it.
   */
  private static void refuseLocalAddresses(URI uri, String shown) {
    String host = uri.getHost();
    boolean literal =
        host.equalsIgnoreCase("localhost")
            || host.matches("[0-9.]+")
            || host.startsWith("[") && host.endsWith("]");
    if (literal) {
      return;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (address.isLoopbackAddress()
            || address.isLinkLocalAddress()
            || address.isAnyLocalAddress()
            || address.isMulticastAddress()) {
          throw new SourceRefusedException(
              "local-address", shown + " resolves to the local address " + address);
        }
      }
    } catch (UnknownHostException e) {
      throw new SourceRefusedException("allowed-url-prefixes", "unknown host in " + shown);
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static URI prefix(String text) {
    try {
      URI uri = new URI(text.endsWith("/") ? text : text + "/").normalize();
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException("not an http(s) URL prefix: " + text);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not an http(s) URL prefix: " + text, e);
    }
  }

  private static Path realDirectory(Path dir) {
    try {
      return dir.toAbsolutePath().normalize().toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }
}
