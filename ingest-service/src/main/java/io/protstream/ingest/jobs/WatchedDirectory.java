package io.protstream.ingest.jobs;

import io.protstream.ingest.config.IngestConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * itself; a {@code delac_*.txt} beside it with the same release id is used as the deleted-accession
 * list.
 */
@ApplicationScoped
public class WatchedDirectory {

  private static final Logger LOG = Logger.getLogger(WatchedDirectory.class);
  private static final Pattern RELEASE = Pattern.compile("(\\d{4}_\\d{2})");
  private static final Pattern RELEASE_FILE =
      Pattern.compile(".*\\.(dat|txt|xml|fasta|fa)(\\.gz)?$", Pattern.CASE_INSENSITIVE);

  private final ReleaseJobs jobs;
  private final java.util.Map<Path, Long> sizes = new java.util.HashMap<>();
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
          .filter(Files::isRegularFile)
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
      Matcher m = RELEASE.matcher(name);
      String release = m.find() ? m.group(1) : name.replaceAll("[^A-Za-z0-9._-]", "_");
      Path delac =
          file.resolveSibling(
              name.toLowerCase(java.util.Locale.ROOT).contains("trembl")
                  ? "delac_tr.txt"
                  : "delac_sp.txt");
      var job =
          jobs.submit(
              new ReleaseRequest(
                  file.toString(), release, Files.exists(delac) ? delac.toString() : null, true));
      Files.writeString(marker(file), job.id());
      sizes.remove(file);
    } catch (IOException e) {
      LOG.warnf("cannot take %s: %s", file, e.toString());
    }
  }

  private static Path marker(Path file) {
    return file.resolveSibling(file.getFileName() + ".ingested");
  }
}
