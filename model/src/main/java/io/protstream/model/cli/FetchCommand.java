package io.protstream.model.cli;

import io.protstream.model.fetch.Download;
import io.protstream.model.fetch.DownloadListener;
import io.protstream.model.fetch.HttpDownloader;
import io.protstream.model.fetch.ModelFetcher;
import io.protstream.model.fetch.PublishedModel;
import io.protstream.model.fetch.RemoteFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Download the published ProtT5-XL-U50 encoder (Hugging Face hub, pinned revision) and the"
          + " ProtT5-sec and Light Attention heads (bio_embeddings data host), verify them against"
          + " the published SHA-256 where one is published, and convert them into a model folder."
          + " Interrupted downloads resume. HF_ENDPOINT and HF_TOKEN are honoured like the hub's"
          + " own clients."
    })
final class FetchCommand implements Callable<Integer> {

  /** Exit code of {@code --check} when a host does not answer. */
  static final int UNREACHABLE = 3;

  @Option(names = "--out", required = true, description = "model folder to write")
  Path out;

  @Option(
      names = "--downloads",
      description = "folder for the downloaded checkpoints (default: <out>.download)")
  Path downloads;

  @Option(
      names = "--hub-endpoint",
      defaultValue = "${env:HF_ENDPOINT:-" + PublishedModel.HUB + "}",
      description = "Hugging Face hub (default: $HF_ENDPOINT or " + PublishedModel.HUB + ")")
  URI hubEndpoint;

  @Option(
      names = "--revision",
      defaultValue = PublishedModel.ENCODER_REVISION,
      description = "commit of " + PublishedModel.ENCODER_REPO + " (default: ${DEFAULT-VALUE})")
  String revision;

  @Option(
      names = "--heads-url",
      defaultValue = PublishedModel.HEADS_BASE,
      description = "the heads' feature_models folder (default: ${DEFAULT-VALUE})")
  URI headsUrl;

  @Option(
      names = "--connect-timeout",
      defaultValue = "10",
      description = "seconds to open a connection (default: ${DEFAULT-VALUE})")
  int connectTimeoutSeconds;

  @Option(
      names = "--read-timeout",
      defaultValue = "60",
      description = "seconds of silence before a transfer is retried (default: ${DEFAULT-VALUE})")
  int readTimeoutSeconds;

  @Option(
      names = "--attempts",
      defaultValue = "5",
      description = "tries per file, each resuming the last (default: ${DEFAULT-VALUE})")
  int attempts;

  @Option(
      names = "--fp16",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "store the encoder in fp16, exact for the published fp16 weights (default: on;"
              + " --no-fp16 for fp32)")
  boolean fp16;

  @Option(
      names = "--check",
      description =
          "only check, within --connect-timeout, that both hosts answer; exit 0 if so, "
              + UNREACHABLE
              + " if not")
  boolean check;

  @Override
  public Integer call() {
    PublishedModel source =
        new PublishedModel(
            hubEndpoint,
            PublishedModel.ENCODER_REPO,
            revision,
            headsUrl,
            PublishedModel.PUBLISHED_SHA256);
    HttpDownloader.Settings settings =
        new HttpDownloader.Settings(
            Duration.ofSeconds(connectTimeoutSeconds),
            Duration.ofSeconds(readTimeoutSeconds),
            attempts,
            HttpDownloader.Settings.DEFAULT.retryPause());
    try (HttpDownloader downloader =
        new HttpDownloader(settings, hubEndpoint, System.getenv("HF_TOKEN"))) {
      if (check) {
        return checkReachable(downloader, source);
      }
      Path downloadFolder =
          downloads != null ? downloads : out.resolveSibling(out.getFileName() + ".download");
      long start = System.nanoTime();
      ModelFetcher.Result result =
          new ModelFetcher(source, downloader)
              .fetch(downloadFolder, out, fp16, new BytesProgress(System.err));
      for (Download d : result.unverified()) {
        System.out.printf(
            "not verified (no published digest): %s sha256 %s%n", d.file().target(), d.sha256());
      }
      System.out.printf(
          "wrote %s from %s@%s (%d files, %d verified), %.1f s%n",
          out,
          source.repo(),
          source.revision(),
          result.downloads().size(),
          result.downloads().size() - result.unverified().size(),
          (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return ErrorHandler.USER_ERROR;
    }
  }

  private int checkReachable(HttpDownloader downloader, PublishedModel source) {
    Duration timeout = Duration.ofSeconds(connectTimeoutSeconds);
    for (RemoteFile probe : source.probes()) {
      if (!downloader.reachable(probe.uri(), timeout)) {
        System.out.println("unreachable: " + probe.uri());
        return UNREACHABLE;
      }
    }
    System.out.println("reachable: " + source.hubEndpoint() + " and " + source.headsBaseUrl());
    return 0;
  }

  /** One line per file on standard error: bytes, percentage, rate. */
  private static final class BytesProgress implements DownloadListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private String name;
    private long done;
    private long total;
    private long resumedFrom;
    private long start;
    private long lastPrint;

    BytesProgress(PrintStream out) {
      this.out = out;
    }

    @Override
    public void started(RemoteFile file, long offset, long total) {
      this.name = file.target();
      this.done = offset;
      this.resumedFrom = offset;
      this.total = total;
      this.start = System.nanoTime();
      this.lastPrint = 0;
      if (offset > 0) {
        out.printf("%s: resuming at %,d bytes%n", name, offset);
      }
      print();
    }

    @Override
    public void transferred(long bytes) {
      done += bytes;
      long now = System.nanoTime();
      if (now - lastPrint > 200_000_000L) {
        lastPrint = now;
        print();
      }
    }

    @Override
    public void retrying(RemoteFile file, int attempt, IOException cause) {
      out.printf(
          "%n%s: attempt %d failed (%s), resuming%n", file.target(), attempt, cause.getMessage());
    }

    @Override
    public void finished(Download d) {
      if (d.reused()) {
        out.printf("%s: already downloaded (%,d bytes)%n", d.file().target(), d.bytes());
        return;
      }
      done = d.bytes();
      total = d.bytes();
      print();
      out.printf(" %s%n", d.verified() ? "SHA-256 verified" : "no published SHA-256");
    }

    private void print() {
      double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
      double rate = (done - resumedFrom) / seconds / (1 << 20);
      if (total > 0) {
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        out.printf(
            "\r%s [%s%s] %3d%% %,d/%,d bytes %.1f MiB/s",
            name,
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            100 * done / total,
            done,
            total,
            rate);
      } else {
        out.printf("\r%s %,d bytes %.1f MiB/s", name, done, rate);
      }
      out.flush();
    }
  }
}
