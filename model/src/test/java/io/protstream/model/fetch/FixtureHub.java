package io.protstream.model.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for a download host: serves files by path, answers {@code Range: bytes=N-} with
 * 206, redirects where told, records every request, and can cut a transfer short or damage a file.
 */
final class FixtureHub implements AutoCloseable {

  /** One request as the server saw it. */
  record Seen(String path, String range, String authorization) {}

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, URI> redirects = new ConcurrentHashMap<>();
  private final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  FixtureHub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  URI root() {
    return uri("/");
  }

  FixtureHub serve(String path, Path file) {
    try {
      files.put(path, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  FixtureHub serve(String path, byte[] bytes) {
    files.put(path, bytes);
    return this;
  }

  FixtureHub redirect(String path, URI to) {
    redirects.put(path, to);
    return this;
  }

  /** The next full transfer of {@code path} stops after {@code bytes} and drops the connection. */
  FixtureHub cutOnce(String path, int bytes) {
    cutAfter.put(path, bytes);
    return this;
  }

  List<Seen> seen() {
    return seen;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String range = exchange.getRequestHeaders().getFirst("Range");
    seen.add(new Seen(path, range, exchange.getRequestHeaders().getFirst("Authorization")));
    try (exchange) {
      URI to = redirects.get(path);
      if (to != null) {
        exchange.getResponseHeaders().add("Location", to.toString());
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      byte[] body = files.get(path);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      int from = 0;
      if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
        from = Integer.parseInt(range.substring(6, range.length() - 1));
        if (from >= body.length) {
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        exchange
            .getResponseHeaders()
            .add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        exchange.sendResponseHeaders(206, head ? -1 : body.length - from);
      } else {
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
      }
      if (head) {
        return;
      }
      OutputStream out = exchange.getResponseBody();
      Integer cut = range == null ? cutAfter.remove(path) : null;
      if (cut != null) {
        out.write(body, 0, cut);
        out.flush();
        // closing short of the declared length drops the connection mid-body
        throw new IOException("transfer cut after " + cut + " bytes");
      }
      out.write(body, from, body.length - from);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
