package io.protstream.model.fetch;

import io.protstream.model.pipeline.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads files resumably: bytes go to {@code <file>.part}; a transfer that breaks off is resumed
 * with an HTTP {@code Range} request from the bytes already on disk, and the file gets its final
 * name only once complete and, where a digest is published, verified.
 *
 * <p>Redirects are followed here rather than by the client, so that the bearer token goes to the
 * hub's own host only, never to the storage host the hub redirects large files to.
 */
public final class HttpDownloader implements AutoCloseable {

  private static final int MAX_REDIRECTS = 8;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final String PART_SUFFIX = ".part";

  /**
   * How the downloader behaves on the network.
   *
   * @param connectTimeout to open a connection
   * @param readTimeout longest wait for the response headers, and longest silence inside a body
   * @param attempts tries per file; each retry resumes
   * @param retryPause pause before retry n is n times this
   */
  public record Settings(
      Duration connectTimeout, Duration readTimeout, int attempts, Duration retryPause) {

    public static final Settings DEFAULT =
        new Settings(Duration.ofSeconds(10), Duration.ofSeconds(60), 5, Duration.ofSeconds(2));

    public Settings {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
    }
  }

  private final Settings settings;
  private final URI tokenOrigin;
  private final String token;
  private final HttpClient client;
  private final ScheduledExecutorService watchdog;

  /**
   * @param tokenOrigin the only origin (scheme, host, port) that gets {@code Authorization: Bearer
   *     token}; null together with a null token for none
   */
  public HttpDownloader(Settings settings, URI tokenOrigin, String token) {
    this.settings = Objects.requireNonNull(settings);
    this.tokenOrigin = tokenOrigin;
    this.token = token == null || token.isBlank() ? null : token.strip();
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "download-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Downloads {@code file} into {@code folder} (at {@link RemoteFile#target()}), or keeps a
   * complete earlier download whose digest is right.
   *
   * @throws ChecksumMismatchException when the bytes are not the published ones (they are deleted)
   */
  public Download download(RemoteFile file, Path folder, DownloadListener listener)
      throws IOException {
    Path target = folder.resolve(file.target()).normalize();
    if (!target.startsWith(folder.normalize())) {
      throw new IllegalArgumentException(file.target() + " leaves " + folder);
    }
    Files.createDirectories(target.getParent());
    if (Files.isRegularFile(target)) {
      String sha = Checksums.sha256(target);
      if (!file.pinned() || sha.equals(file.sha256())) {
        Download kept = new Download(file, target, Files.size(target), sha, file.pinned(), true);
        listener.finished(kept);
        return kept;
      }
      Files.delete(target); // a damaged earlier download: fetch it again
    }
    Path part = target.resolveSibling(target.getFileName() + PART_SUFFIX);
    for (int attempt = 1; ; attempt++) {
      try {
        transfer(file, part, listener);
        break;
      } catch (HttpStatusException e) {
        if (!e.retryable() || attempt >= settings.attempts()) {
          throw e;
        }
        pauseBeforeRetry(file, attempt, e, listener);
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted() || attempt >= settings.attempts()) {
          throw e;
        }
        pauseBeforeRetry(file, attempt, e, listener);
      } catch (IOException e) {
        if (attempt >= settings.attempts()) {
          throw e;
        }
        pauseBeforeRetry(file, attempt, e, listener);
      }
    }
    String sha = Checksums.sha256(part);
    if (file.pinned() && !sha.equals(file.sha256())) {
      Files.delete(part);
      throw new ChecksumMismatchException(file, sha);
    }
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Download done = new Download(file, target, Files.size(target), sha, file.pinned(), false);
    listener.finished(done);
    return done;
  }

  /**
   * Whether {@code uri} answers at all within {@code timeout}: any HTTP status counts, since a
   * reachable host that wants a token is still reachable.
   */
  public boolean reachable(URI uri, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method("HEAD", HttpRequest.BodyPublishers.noBody());
    authorize(request, uri);
    HttpClient probe =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    try {
      probe.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void transfer(RemoteFile file, Path part, DownloadListener listener) throws IOException {
    long offset = Files.isRegularFile(part) ? Files.size(part) : 0;
    HttpResponse<InputStream> response = send(file.uri(), offset);
    int status = response.statusCode();
    boolean append;
    long total;
    if (status == 206 && offset > 0) {
      String range = response.headers().firstValue("Content-Range").orElse("");
      if (!range.startsWith("bytes " + offset + "-")) {
        response.body().close();
        Files.deleteIfExists(part);
        throw new IOException(file.uri() + ": unexpected Content-Range '" + range + "'");
      }
      append = true;
      int slash = range.lastIndexOf('/');
      total = slash < 0 || range.endsWith("*") ? -1 : Long.parseLong(range.substring(slash + 1));
    } else if (status == 200) {
      append = false; // no range support, or nothing to resume: start over
      offset = 0;
      total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    } else if (status == 416) {
      // the part file is not a prefix of what the server has (changed or over-long): start over
      response.body().close();
      Files.deleteIfExists(part);
      throw new IOException(file.uri() + ": range from byte " + offset + " refused, restarting");
    } else {
      response.body().close();
      throw new HttpStatusException(file.uri(), status);
    }
    listener.started(file, offset, total);
    copy(response.body(), part, append, listener, file.uri());
    long size = Files.size(part);
    if (total >= 0 && size != total) {
      throw new IOException(
          file.uri() + ": connection closed after " + size + " of " + total + " bytes");
    }
  }

  private void copy(InputStream body, Path part, boolean append, DownloadListener listener, URI uri)
      throws IOException {
    AtomicLong lastRead = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    long limit = settings.readTimeout().toNanos();
    long period = Math.max(10, settings.readTimeout().toMillis() / 4);
    ScheduledFuture<?> guard =
        watchdog.scheduleAtFixedRate(
            () -> {
              if (System.nanoTime() - lastRead.get() > limit
                  && stalled.compareAndSet(false, true)) {
                closeQuietly(body); // unblocks the read below with an IOException
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
    try (InputStream in = body;
        OutputStream out =
            Files.newOutputStream(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        lastRead.set(System.nanoTime());
        out.write(buffer, 0, n);
        listener.transferred(n);
      }
    } catch (IOException e) {
      if (stalled.get()) {
        throw new IOException(
            uri + ": no data for " + settings.readTimeout().toSeconds() + " s", e);
      }
      throw e;
    } finally {
      guard.cancel(false);
    }
  }

  private HttpResponse<InputStream> send(URI start, long offset) throws IOException {
    URI uri = start;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(settings.readTimeout())
              .header("User-Agent", "protstream-fetch")
              .GET();
      if (offset > 0) {
        request.header("Range", "bytes=" + offset + "-");
      }
      authorize(request, uri);
      HttpResponse<InputStream> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while fetching " + uri);
      }
      if (!REDIRECTS.contains(response.statusCode())) {
        return response;
      }
      response.body().close();
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(() -> new IOException(start + ": redirect without Location"));
      uri = uri.resolve(location);
    }
    throw new IOException(start + ": more than " + MAX_REDIRECTS + " redirects");
  }

  private void authorize(HttpRequest.Builder request, URI uri) {
    if (token != null && tokenOrigin != null && sameOrigin(uri, tokenOrigin)) {
      request.header("Authorization", "Bearer " + token);
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private void pauseBeforeRetry(
      RemoteFile file, int attempt, IOException cause, DownloadListener listener)
      throws InterruptedIOException {
    listener.retrying(file, attempt, cause);
    try {
      Thread.sleep(settings.retryPause().multipliedBy(attempt).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry " + file.uri());
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the stalled transfer is abandoned either way
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
