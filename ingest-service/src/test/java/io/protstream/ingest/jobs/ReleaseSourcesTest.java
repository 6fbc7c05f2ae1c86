package io.protstream.ingest.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release sources come from configured places only, and downloads are bounded: a real HTTP server
 * on loopback, configured as an allowed prefix, plays the release server.
 */
class ReleaseSourcesTest {

  private static final byte[] BODY = bodyOf(200_000);

  @TempDir Path allowed;
  @TempDir Path elsewhere;

  private HttpServer server;
  private String prefix;
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    prefix = "http://127.0.0.1:" + server.getAddress().getPort() + "/releases/";
    server.createContext("/releases/whole.dat", e -> send(e, 200, BODY, BODY.length));
    server.createContext("/releases/breaks-then-resumes.dat", this::breaksThenResumes);
    server.createContext("/releases/breaks-no-range.dat", this::breaksWithoutRanges);
    server.createContext("/releases/chunked-big.dat", e -> send(e, 200, BODY, 0));
    server.createContext("/releases/stalls.dat", this::stalls);
    server.createContext("/releases/moved.dat", this::redirects);
    server.createContext("/elsewhere/x.dat", e -> send(e, 200, BODY, BODY.length));
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private ReleaseSources sources(long maxBytes) {
    return new ReleaseSources(
        List.of(allowed), List.of(prefix), Duration.ofSeconds(5), Duration.ofMillis(500), maxBytes);
  }

  private ReleaseSources sources() {
    return sources(1 << 30);
  }

  // ---- local files

  @Test
  void aRegularFileInAnAllowedDirectoryIsRead() throws IOException {
    Path file = Files.writeString(allowed.resolve("r.dat"), "content");
    try (InputStream in = sources().open(file.toString())) {
      assertEquals("content", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    try (InputStream in = sources().open(file.toUri().toString())) {
      assertEquals("content", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void filesOutsideTheAllowedDirectoriesAreRefused() throws IOException {
    Path outside = Files.writeString(elsewhere.resolve("secret.dat"), "x");
    assertRule("allowed-directories", outside.toString());
    assertRule("allowed-directories", outside.toUri().toString());
    assertRule("allowed-directories", "/etc/passwd");
  }

  @Test
  void parentSegmentsAreRefusedEvenWhenTheyLeadBackInside() throws IOException {
    Files.writeString(allowed.resolve("r.dat"), "x");
    String sneaky = allowed + "/../" + allowed.getFileName() + "/r.dat";
    assertRule("parent-segments", sneaky);
    assertRule("parent-segments", prefix + "../elsewhere/x.dat");
  }

  @Test
  void aLinkOutOfAnAllowedDirectoryIsRefused() throws IOException {
    Path outside = Files.writeString(elsewhere.resolve("secret.dat"), "x");
    Path link = Files.createSymbolicLink(allowed.resolve("link.dat"), outside);
    assertRule("allowed-directories", link.toString());
  }

  @Test
  void fifosAndDirectoriesAreNotRegularFiles() throws Exception {
    Path fifo = allowed.resolve("pipe.dat");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    assertRule("regular-file", fifo.toString());
    Files.createDirectory(allowed.resolve("dir.dat"));
    assertRule("regular-file", allowed.resolve("dir.dat").toString());
  }

  @Test
  void otherSchemesAreRefused() {
    assertRule("scheme", "ftp://ftp.uniprot.org/pub/databases/uniprot/x.dat");
    assertRule("scheme", "jar:file:/x.jar!/a");
  }

  // ---- URLs

  @Test
  void urlsOutsideTheAllowedPrefixesAreRefused() {
    int port = server.getAddress().getPort();
    assertRule("allowed-url-prefixes", "http://127.0.0.1:" + port + "/elsewhere/x.dat");
    assertRule("allowed-url-prefixes", "https://127.0.0.1:" + port + "/releases/whole.dat");
    assertRule("allowed-url-prefixes", "http://127.0.0.1:" + (port + 1) + "/releases/whole.dat");
    assertRule("allowed-url-prefixes", "http://169.254.169.254/latest/meta-data/");
  }

  @Test
  void theDefaultsAllowUniProtOverHttpsOnlyAndNothingLocal() {
    ReleaseSources defaults =
        new ReleaseSources(
            List.of(),
            List.of(
                "https://ftp.uniprot.org/pub/databases/uniprot/",
                "https://ftp.ebi.ac.uk/pub/databases/uniprot/",
                "https://ftp.expasy.org/databases/uniprot/"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            1 << 20);
    for (String refused :
        List.of(
            prefix + "whole.dat",
            "http://ftp.uniprot.org/pub/databases/uniprot/current_release/x.dat",
            "https://ftp.uniprot.org.attacker.example/pub/databases/uniprot/x.dat",
            "https://ftp.uniprot.org/etc/passwd",
            "http://localhost/pub/databases/uniprot/x.dat",
            "http://[::1]/pub/databases/uniprot/x.dat",
            "http://169.254.169.254/latest/meta-data/")) {
      var e = assertThrows(SourceRefusedException.class, () -> defaults.check(refused), refused);
      assertEquals("allowed-url-prefixes", e.rule(), refused);
    }
    assertRule(defaults, "allowed-directories", allowed.resolve("x.dat").toString());
  }

  @Test
  void credentialsInARefusedUrlAreNotRepeated() {
    var e =
        assertThrows(
            SourceRefusedException.class,
            () -> sources().check("http://user:hunter2@10.0.0.1/x.dat?token=abc"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertFalse(e.getMessage().contains("abc"), e.getMessage());
  }

  // ---- downloads

  @Test
  void anAllowedUrlIsDownloadedWhole() throws IOException {
    try (InputStream in = sources().open(prefix + "whole.dat")) {
      assertArrayEquals(BODY, in.readAllBytes());
    }
  }

  @Test
  void aBrokenConnectionResumesWithARangeRequest() throws IOException {
    try (InputStream in = sources().open(prefix + "breaks-then-resumes.dat")) {
      assertArrayEquals(BODY, in.readAllBytes());
    }
    assertEquals(2, requests.get());
  }

  @Test
  void aServerThatCannotResumeFailsTheDownloadCleanly() throws IOException {
    try (InputStream in = sources().open(prefix + "breaks-no-range.dat")) {
      IOException e = assertThrows(IOException.class, in::readAllBytes);
      assertTrue(e.getMessage().contains("cannot resume"), e.getMessage());
    }
  }

  @Test
  void aDeclaredLengthOverTheCapIsRefusedBeforeReading() {
    IOException e =
        assertThrows(IOException.class, () -> sources(1000).open(prefix + "whole.dat").close());
    assertTrue(e.getMessage().contains("over the cap"), e.getMessage());
  }

  @Test
  void anUndeclaredLengthIsCutAtTheCap() throws IOException {
    try (InputStream in = sources(1000).open(prefix + "chunked-big.dat")) {
      IOException e = assertThrows(IOException.class, in::readAllBytes);
      assertTrue(e.getMessage().contains("cap"), e.getMessage());
    }
  }

  @Test
  void aStalledBodyEndsWithATimeout() throws IOException {
    try (InputStream in = sources().open(prefix + "stalls.dat")) {
      IOException e = assertThrows(IOException.class, in::readAllBytes);
      assertTrue(e.getMessage().contains("stalled"), e.getMessage());
    }
  }

  @Test
  void redirectsAreNotFollowed() {
    IOException e =
        assertThrows(IOException.class, () -> sources().open(prefix + "moved.dat").close());
    assertTrue(e.getMessage().contains("HTTP 302"), e.getMessage());
  }

  // ---- the server's behaviours

  private void breaksThenResumes(HttpExchange e) throws IOException {
    requests.incrementAndGet();
    String range = e.getRequestHeaders().getFirst("Range");
    if (range == null) {
      // promise the whole body, send half, drop the connection
      e.sendResponseHeaders(200, BODY.length);
      OutputStream out = e.getResponseBody();
      out.write(BODY, 0, BODY.length / 2);
      out.flush();
      e.getHttpContext().getServer(); // keep the exchange open until the close below
      closeAbruptly(e);
      return;
    }
    int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
    e.getResponseHeaders()
        .add("Content-Range", "bytes " + from + "-" + (BODY.length - 1) + "/" + BODY.length);
    byte[] rest = java.util.Arrays.copyOfRange(BODY, from, BODY.length);
    send(e, 206, rest, rest.length);
  }

  private void breaksWithoutRanges(HttpExchange e) throws IOException {
    e.sendResponseHeaders(200, BODY.length);
    OutputStream out = e.getResponseBody();
    out.write(BODY, 0, BODY.length / 2);
    out.flush();
    closeAbruptly(e);
  }

  private void stalls(HttpExchange e) throws IOException {
    e.sendResponseHeaders(200, BODY.length);
    OutputStream out = e.getResponseBody();
    out.write(BODY, 0, 1000);
    out.flush();
    try {
      release.await();
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
    e.close();
  }

  private void redirects(HttpExchange e) throws IOException {
    e.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
    send(e, 302, new byte[0], -1);
  }

  /** Ends the exchange before the promised length: the client sees the connection drop. */
  private static void closeAbruptly(HttpExchange e) {
    try {
      e.close();
    } catch (RuntimeException ignored) {
      // the server complains about the missing bytes; that is the point
    }
  }

  private static void send(HttpExchange e, int status, byte[] body, long length)
      throws IOException {
    e.sendResponseHeaders(status, length);
    if (length != -1) {
      try (OutputStream out = e.getResponseBody()) {
        out.write(body);
      }
    }
    e.close();
  }

  private void assertRule(String rule, String source) {
    assertRule(sources(), rule, source);
  }

  private static void assertRule(ReleaseSources sources, String rule, String source) {
    var e = assertThrows(SourceRefusedException.class, () -> sources.check(source), source);
    assertEquals(rule, e.rule(), e.getMessage());
    assertTrue(e.getMessage().contains(rule), e.getMessage());
  }

  private static byte[] bodyOf(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ("ACDEFGHIKLMNPQRSTVWY\n".charAt(i % 21));
    }
    return bytes;
  }
}
