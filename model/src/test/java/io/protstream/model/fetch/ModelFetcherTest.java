package io.protstream.model.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.protstream.model.cli.ProtstreamCli;
import io.protstream.model.pipeline.Labels;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protstream fetch} against local servers that serve the tiny reference checkpoint in the
 * Hugging Face hub's layout ({@code /{repo}/resolve/{revision}/{file}}, large files redirected to a
 * storage host) and the heads in the bio_embeddings data host's layout.
 */
class ModelFetcherTest {

  private static final String REVISION = "0123456789abcdef0123456789abcdef01234567";
  private static final String RESOLVE =
      "/" + PublishedModel.ENCODER_REPO + "/resolve/" + REVISION + "/";
  private static final String WEIGHTS_ON_STORAGE = "/lfs/pytorch_model.bin";
  private static final HttpDownloader.Settings FAST =
      new HttpDownloader.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), 3, Duration.ZERO);

  @TempDir Path dir;
  private FixtureHub hub;
  private FixtureHub storage;

  @BeforeEach
  void serveTheFixture() {
    storage =
        new FixtureHub()
            .serve(WEIGHTS_ON_STORAGE, Fixtures.encoder().resolve("pytorch_model.bin"))
            .serve(
                "/feature_models/t5/secstruct_checkpoint.pt",
                Fixtures.head("secstruct_checkpoint.pt"))
            .serve(
                "/feature_models/light_attention/la_prott5_subcellular_localization.pt",
                Fixtures.head("la_subcellular_localization.pt"))
            .serve(
                "/feature_models/light_attention/la_prott5_subcellular_solubility.pt",
                Fixtures.head("la_subcellular_solubility.pt"));
    hub =
        new FixtureHub()
            .serve(RESOLVE + "config.json", Fixtures.encoder().resolve("config.json"))
            .redirect(RESOLVE + "pytorch_model.bin", storage.uri(WEIGHTS_ON_STORAGE));
  }

  @AfterEach
  void stop() {
    hub.close();
    storage.close();
  }

  @Test
  void downloadsVerifiesAndConvertsThePublishedLayout() throws Exception {
    Path downloads = dir.resolve("downloads");
    Path out = dir.resolve("model");

    ModelFetcher.Result result =
        fetcher(FAST, "hf_secret").fetch(downloads, out, true, DownloadListener.NONE);

    assertArrayEquals(
        Files.readAllBytes(Fixtures.encoder().resolve("pytorch_model.bin")),
        Files.readAllBytes(downloads.resolve(PublishedModel.WEIGHTS)));
    assertArrayEquals(
        Files.readAllBytes(Fixtures.head("la_subcellular_solubility.pt")),
        Files.readAllBytes(downloads.resolve(PublishedModel.MEMBRANE)));
    Manifest manifest = Manifest.read(out);
    assertEquals(Labels.DSSP3, manifest.secstruct().labels().get("dssp3"));
    assertEquals(Labels.LOCALIZATION, manifest.localization().labels().get("localization"));
    assertEquals(Labels.MEMBRANE, manifest.membrane().labels().get("membrane"));
    assertEquals("fp16", manifest.encoder().weightPrecision());
    assertTrue(Files.isRegularFile(out.resolve("encoder.onnx")));

    // pinned files are verified, the others recorded with the digest they arrived with
    JsonNode record =
        new ObjectMapper().readTree(downloads.resolve(ModelFetcher.RECORD_FILE).toFile());
    assertEquals(REVISION, record.get("revision").asText());
    for (JsonNode f : record.get("files")) {
      String path = f.get("path").asText();
      String expected = sha256(downloads.resolve(path));
      assertEquals(expected, f.get("sha256").asText(), path);
      boolean pinned = path.equals(PublishedModel.WEIGHTS) || path.equals(PublishedModel.SECSTRUCT);
      assertEquals(pinned, f.get("verified").asBoolean(), path);
    }
    assertEquals(5, record.get("files").size());
    assertEquals(3, result.unverified().size());

    // the token goes to the hub only, not to the host the hub redirects to
    assertFalse(hub.seen().isEmpty());
    hub.seen().forEach(s -> assertEquals("Bearer hf_secret", s.authorization(), s.path()));
    assertFalse(storage.seen().isEmpty());
    storage.seen().forEach(s -> assertNull(s.authorization(), s.path()));
  }

  @Test
  void anInterruptedDownloadResumesFromTheBytesOnDisk() throws Exception {
    Path downloads = dir.resolve("downloads");
    byte[] weights = Files.readAllBytes(Fixtures.encoder().resolve("pytorch_model.bin"));
    int cut = weights.length * 2 / 5;
    storage.cutOnce(WEIGHTS_ON_STORAGE, cut);
    HttpDownloader.Settings oneTry =
        new HttpDownloader.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, Duration.ZERO);

    assertThrows(
        java.io.IOException.class,
        () ->
            fetcher(oneTry, null)
                .fetch(downloads, dir.resolve("model"), true, DownloadListener.NONE));
    Path part = downloads.resolve(PublishedModel.WEIGHTS + ".part");
    long kept = Files.size(part);
    assertTrue(kept > 0 && kept <= cut, "kept " + kept + " of " + cut);
    assertFalse(Files.exists(downloads.resolve(PublishedModel.WEIGHTS)));

    fetcher(oneTry, null).fetch(downloads, dir.resolve("model"), true, DownloadListener.NONE);

    assertArrayEquals(weights, Files.readAllBytes(downloads.resolve(PublishedModel.WEIGHTS)));
    assertFalse(Files.exists(part));
    List<String> ranges =
        storage.seen().stream()
            .filter(s -> s.path().equals(WEIGHTS_ON_STORAGE) && s.range() != null)
            .map(FixtureHub.Seen::range)
            .toList();
    assertEquals(List.of("bytes=" + kept + "-"), ranges);
    // the files completed in the first run are not downloaded again
    assertEquals(
        1,
        storage.seen().stream().filter(s -> s.path().endsWith("secstruct_checkpoint.pt")).count());
  }

  @Test
  void aRetryInsideOneRunResumesToo() throws Exception {
    Path downloads = dir.resolve("downloads");
    byte[] weights = Files.readAllBytes(Fixtures.encoder().resolve("pytorch_model.bin"));
    storage.cutOnce(WEIGHTS_ON_STORAGE, weights.length / 3);

    fetcher(FAST, null).fetch(downloads, dir.resolve("model"), true, DownloadListener.NONE);

    assertArrayEquals(weights, Files.readAllBytes(downloads.resolve(PublishedModel.WEIGHTS)));
    assertTrue(
        storage.seen().stream()
            .anyMatch(s -> s.path().equals(WEIGHTS_ON_STORAGE) && s.range() != null));
  }

  @Test
  void aCorruptedFileIsRefusedAndDeleted() throws Exception {
    byte[] weights = Files.readAllBytes(Fixtures.encoder().resolve("pytorch_model.bin"));
    byte[] damaged = weights.clone();
    damaged[damaged.length / 2] ^= 0x40;
    storage.serve(WEIGHTS_ON_STORAGE, damaged);
    Path downloads = dir.resolve("downloads");
    Path out = dir.resolve("model");

    ChecksumMismatchException e =
        assertThrows(
            ChecksumMismatchException.class,
            () -> fetcher(FAST, null).fetch(downloads, out, true, DownloadListener.NONE));

    assertTrue(e.getMessage().contains(sha256(weights)), e.getMessage());
    assertTrue(e.getMessage().contains(sha256(damaged)), e.getMessage());
    assertFalse(Files.exists(downloads.resolve(PublishedModel.WEIGHTS)));
    assertFalse(Files.exists(downloads.resolve(PublishedModel.WEIGHTS + ".part")));
    assertFalse(Files.exists(out.resolve(Manifest.FILE_NAME)));
  }

  @Test
  void theCommandRefusesWeightsThatAreNotThePublishedOnes() throws Exception {
    // the tool pins the real checkpoint's digest, which the tiny fixture does not have
    Path out = dir.resolve("model");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        runCli(
            err,
            "fetch",
            "--out",
            out.toString(),
            "--hub-endpoint",
            hub.root().toString(),
            "--revision",
            REVISION,
            "--heads-url",
            storage.uri("/feature_models/").toString(),
            "--attempts",
            "1");

    assertEquals(2, exit);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(
        message.contains("error: ")
            && message.contains(PublishedModel.PUBLISHED_SHA256.get(PublishedModel.WEIGHTS)),
        message);
    assertFalse(Files.exists(out.resolve(Manifest.FILE_NAME)));
  }

  @Test
  void checkSaysWhetherTheHostsAnswer() throws Exception {
    String[] common = {
      "fetch", "--check", "--out", dir.resolve("m").toString(), "--connect-timeout", "2"
    };
    assertEquals(
        0,
        runCli(
            new ByteArrayOutputStream(),
            concat(
                common,
                "--hub-endpoint",
                hub.root().toString(),
                "--revision",
                REVISION,
                "--heads-url",
                storage.uri("/feature_models/").toString())));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertEquals(
        3,
        runCli(
            new ByteArrayOutputStream(),
            concat(common, "--hub-endpoint", "http://127.0.0.1:" + closedPort + "/")));
  }

  private ModelFetcher fetcher(HttpDownloader.Settings settings, String token) {
    PublishedModel source =
        new PublishedModel(
            hub.root(),
            PublishedModel.ENCODER_REPO,
            REVISION,
            storage.uri("/feature_models/"),
            Map.of(
                PublishedModel.WEIGHTS,
                sha256(Fixtures.encoder().resolve("pytorch_model.bin")),
                PublishedModel.SECSTRUCT,
                sha256(Fixtures.head("secstruct_checkpoint.pt"))));
    return new ModelFetcher(source, new HttpDownloader(settings, hub.root(), token));
  }

  private static int runCli(ByteArrayOutputStream err, String... args) {
    PrintStream original = System.err;
    try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      return ProtstreamCli.newCommandLine().execute(args);
    } finally {
      System.setErr(original);
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String sha256(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
