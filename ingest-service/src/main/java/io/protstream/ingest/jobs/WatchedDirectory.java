package io.protstream.ingest.jobs;

import io.protstream.ingest.config.IngestConfig;
import io.protstream.ingest.domain.Dataset;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Ingests release files dropped into a directory. A file is taken once it has not grown between two
 * looks (so a copy in progress is not read half-way), and marked with a {@code .ingested} file
 * holding its job id. The release id is the first {@code YYYY_MM} in the file name, else the name
 * itself.
 *
 * <p>A dropped file is <em>not</em> a complete release unless a manifest {@code <file>.manifest}
 * lies beside it when it is taken (write the manifest first). The manifest is a Java properties
 * file: {@code complete=true} declares the file the whole release of its dataset, so accessions of
 * that dataset missing from it are deleted; {@code release=} overrides the release id, {@code
 * dataset=} ({@code Swiss-Prot} or {@code TrEMBL}) the dataset read from the file name ({@code
 * sprot}, {@code trembl}) or, failing that, from the entries. UniProt's deleted-accession list
 * beside the file ({@code delac_tr.txt} for TrEMBL, {@code delac_sp.txt} otherwise) is read with
 * it.
 */
@ApplicationScoped
public class WatchedDirectory {

  /** Suffix of a release file's manifest. */
  public static final String MANIFEST_SUFFIX = ".manifest";

  private static final int MAX_MANIFEST_BYTES = 64 << 10;
  private static final Logger LOG = Logger.getLogger(WatchedDirectory.class);
  private static final Pattern RELEASE = Pattern.compile("(\\d{4}_\\d{2})");
  private static final Pattern RELEASE_FILE =
      Pattern.compile(".*\\.(dat|txt|xml|fasta|fa)(\\.gz)?$", Pattern.CASE_INSENSITIVE);

  private final ReleaseJobs jobs;
  private final Map<Path, Long> sizes = new HashMap<>();
  private ScheduledExecutorService scheduler;

  WatchedDirectory(ReleaseJobs jobs) {
    this.jobs = jobs;
  }

  void onStart(@Observes StartupEvent event, IngestConfig config) {
    config
        .ingest()
        .watchDirectory()
        .ifPresent(
            dir -> {
              scheduler =
                  Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "release-watch"));
              long every = config.ingest().watchInterval().toMillis();
              scheduler.scheduleWithFixedDelay(
                  () -> look(Path.of(dir)), 0, every, TimeUnit.MILLISECONDS);
              LOG.infof("watching %s for release files", dir);
            });
  }

  void onStop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  void look(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .filter(f -> RELEASE_FILE.matcher(f.getFileName().toString()).matches())
          .filter(f -> !f.getFileName().toString().startsWith("delac_"))
          .filter(f -> !Files.exists(marker(f)))
          .sorted()
          .forEach(this::takeWhenStable);
    } catch (IOException | RuntimeException e) {
      LOG.warnf("cannot look into %s: %s", dir, e.toString());
    }
  }

  private void takeWhenStable(Path file) {
    try {
      long size = Files.size(file);
      Long before = sizes.put(file, size);
      if (before == null || before != size) {
        return;
      }
      String name = file.getFileName().toString();
      Properties manifest = manifest(file);
      Matcher m = RELEASE.matcher(name);
      String release =
          manifest.getProperty(
              "release", m.find() ? m.group(1) : name.replaceAll("[^A-Za-z0-9._-]", "_"));
      boolean complete = "true".equalsIgnoreCase(manifest.getProperty("complete", "false").trim());
      Dataset dataset =
          Dataset.parse(manifest.getProperty("dataset"))
              .orElse(Dataset.fromFileName(name).orElse(null));
      Path delac = file.resolveSibling(dataset == Dataset.TREMBL ? "delac_tr.txt" : "delac_sp.txt");
      var job =
          jobs.submit(
              new ReleaseRequest(
                  file.toString(),
                  release,
                  Files.isRegularFile(delac) ? delac.toString() : null,
                  complete,
                  dataset));
      Files.writeString(marker(file), job.id());
      sizes.remove(file);
      LOG.infof(
          "took %s as release %s (%s, %s)",
          name,
          release,
          dataset == null ? "dataset from content" : dataset,
          complete ? "declared complete" : "not declared complete: nothing deleted by absence");
    } catch (IOException | IllegalArgumentException e) {
      LOG.warnf("cannot take %s: %s", file, e.getMessage());
    }
  }

  /** The manifest beside the file; empty when there is none. */
  private static Properties manifest(Path file) throws IOException {
    Properties manifest = new Properties();
    Path path = file.resolveSibling(file.getFileName() + MANIFEST_SUFFIX);
    if (!Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return manifest;
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES);
      manifest.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    }
    return manifest;
  }

  private static Path marker(Path file) {
    return file.resolveSibling(file.getFileName() + ".ingested");
  }
}
