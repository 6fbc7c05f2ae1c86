package io.protstream.ingest.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release file downloaded over HTTP(S) as a stream. Connecting is bounded by the client's connect
 * timeout, the response headers and every later wait for body bytes by the read timeout, the whole
 * body by a size cap. When the connection breaks, the download resumes with a {@code Range} request
 * from the byte it reached, a few times; a server that does not answer a range request with exactly
 * that range ends the download with an error, never with a silently shorter or repeated file.
 */
final class Download extends InputStream {

  static final int MAX_RESUMES = 3;

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");
  private static final Object END = new Object();

  private final HttpClient client;
  private final URI uri;
  private final Duration readTimeout;
  private final long maxBytes;
  private long position;
  private int resumes;
  private Body body;
  private ByteBuffer current;
  private boolean finished;

  private Download(HttpClient client, URI uri, Duration readTimeout, long maxBytes) {
    this.client = client;
    this.uri = uri;
    this.readTimeout = readTimeout;
    this.maxBytes = maxBytes;
  }

  static Download open(HttpClient client, URI uri, Duration readTimeout, long maxBytes)
      throws IOException {
    Download download = new Download(client, uri, readTimeout, maxBytes);
    download.body = download.request(0);
    return download;
  }

  private String shown() {
    return Redaction.url(uri.toString());
  }

  /** Sends the request (a range request from {@code from} when resuming) and checks the answer. */
  private Body request(long from) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET();
    if (from > 0) {
      request.header("Range", "bytes=" + from + "-");
    }
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("download of " + shown() + " interrupted");
    }
    int status = response.statusCode();
    if (from == 0 && status != 200) {
      drain(response);
      throw new IOException("download of " + shown() + " answered HTTP " + status);
    }
    if (from > 0) {
      String range = response.headers().firstValue("Content-Range").orElse("");
      Matcher m = CONTENT_RANGE.matcher(range);
      if (status != 206 || !m.matches() || Long.parseLong(m.group(1)) != from) {
        drain(response);
        throw new IOException(
            "download of "
                + shown()
                + " broke after "
                + from
                + " bytes and the server cannot resume it (HTTP "
                + status
                + ")");
      }
    }
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (length >= 0 && from + length > maxBytes) {
      drain(response);
      throw new IOException(
          "download of " + shown() + " is " + (from + length) + " bytes, over the cap " + maxBytes);
    }
    Body next = new Body();
    response.body().subscribe(next);
    return next;
  }

  private static void drain(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
    response
        .body()
        .subscribe(
            new Flow.Subscriber<>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                s.cancel(); // the body is not wanted: release the connection
              }

              @Override
              public void onNext(List<ByteBuffer> item) {}

              @Override
              public void onError(Throwable throwable) {}

              @Override
              public void onComplete() {}
            });
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (current == null || !current.hasRemaining()) {
      if (finished) {
        return -1;
      }
      current = nextBuffer();
    }
    int n = Math.min(length, current.remaining());
    if (position + n > maxBytes) {
      close();
      throw new IOException(
          "download of " + shown() + " exceeds the cap of " + maxBytes + " bytes");
    }
    current.get(target, offset, n);
    position += n;
    return n;
  }

  /** The next buffer of the body, resuming after a broken connection; null at the end. */
  private ByteBuffer nextBuffer() throws IOException {
    while (true) {
      try {
        ByteBuffer next = body.next(readTimeout);
        if (next == null) {
          finished = true;
        }
        return next;
      } catch (HttpTimeoutException e) {
        close();
        throw new HttpTimeoutException(
            "download of "
                + shown()
                + " stalled for "
                + readTimeout
                + " after "
                + position
                + " bytes");
      } catch (IOException e) {
        body.cancel();
        if (resumes++ >= MAX_RESUMES) {
          throw new IOException(
              "download of " + shown() + " failed after " + position + " bytes: " + e.getMessage(),
              e);
        }
        body = request(position);
      }
    }
  }

  @Override
  public void close() {
    finished = true;
    if (body != null) {
      body.cancel();
    }
  }

  /** The response body as a queue that the reader polls with a timeout. */
  private static final class Body implements Flow.Subscriber<List<ByteBuffer>> {
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> pending;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      queue.add(buffers);
    }

    @Override
    public void onError(Throwable failure) {
      queue.add(failure);
    }

    @Override
    public void onComplete() {
      queue.add(END);
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    @SuppressWarnings("unchecked")
    ByteBuffer next(Duration timeout) throws IOException {
      while (true) {
        if (pending != null && pending.hasNext()) {
          return pending.next();
        }
        Object item;
        try {
          item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("download interrupted");
        }
        if (item == null) {
          throw new HttpTimeoutException("no data within " + timeout);
        }
        if (item == END) {
          return null;
        }
        if (item instanceof Throwable failure) {
          throw failure instanceof IOException io ? io : new IOException(failure);
        }
        pending = ((List<ByteBuffer>) item).iterator();
        subscription.request(1);
      }
    }
  }
}
