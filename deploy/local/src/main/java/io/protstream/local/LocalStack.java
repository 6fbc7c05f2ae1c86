package io.protstream.local;

import io.protstream.testinfra.CassandraServer;
import io.protstream.testinfra.KafkaServer;
import io.protstream.testinfra.Ports;
import io.protstream.testinfra.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs protstream on this machine: a Kafka broker, a Cassandra node and the four services, in the
 * background, with every bit of state (data, logs, pid files) in one folder the user can delete.
 *
 * <p>{@code start stateDir [modelDir] [--release FILE [--release-id ID]]} starts what is not
 * running yet, waits until every service reports ready, then ingests the sample release (or FILE,
 * following it until the pipeline has drained); {@code stop stateDir} stops everything it started;
 * {@code status stateDir} says what runs, how far each consumer group is behind and what the ingest
 * jobs are doing.
 */
public final class LocalStack {

  static final int KAFKA_PORT = envInt("PROTSTREAM_KAFKA_PORT", 19092);
  static final int CASSANDRA_PORT = envInt("PROTSTREAM_CASSANDRA_PORT", 19042);

  /** The release slice the local run ingests once it is up. */
  static final String SAMPLE = "deploy/local/sample/uniprot_sample_2025_01.dat";

  private final Path state;
  private final Path repository;

  LocalStack(Path state, Path repository) {
    this.state = state.toAbsolutePath();
    this.repository = repository.toAbsolutePath();
  }

  /** How long {@code --release} follows the pipeline before giving up. */
  private static final Duration RELEASE_TIMEOUT = Duration.ofHours(24);

  public static void main(String[] args) throws Exception {
    String command = args.length > 0 ? args[0] : "status";
    Path state = Path.of(args.length > 1 ? args[1] : ".protstream");
    LocalStack stack = new LocalStack(state, Path.of(""));
    switch (command) {
      case "start" -> {
        StartOptions options =
            StartOptions.parse(List.of(args).subList(Math.min(2, args.length), args.length));
        stack.start(options.model(), options.release(), options.releaseId());
      }
      case "stop" -> stack.stop();
      case "status" -> stack.status();
      default -> {
        System.err.println(
            "usage: LocalStack start STATE [MODEL] [--release FILE [--release-id ID]] | stop STATE"
                + " | status STATE");
        System.exit(2);
      }
    }
  }

  /** What {@code start} was asked for after the state folder. */
  record StartOptions(Path model, Path release, String releaseId) {

    static StartOptions parse(List<String> args) {
      Path model = null;
      Path release = null;
      String releaseId = null;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--release" -> release = Path.of(value(args, ++i, arg));
          case "--release-id" -> releaseId = value(args, ++i, arg);
          default -> {
            if (arg.startsWith("--") || model != null) {
              throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            model = arg.isEmpty() ? null : Path.of(arg);
          }
        }
      }
      if (releaseId != null && release == null) {
        throw new IllegalArgumentException("--release-id needs --release FILE");
      }
      if (release != null) {
        if (!Files.isRegularFile(release)) {
          throw new IllegalArgumentException("--release " + release + ": no such file");
        }
        release = release.toAbsolutePath().normalize();
        if (releaseId == null) {
          releaseId = ReleaseJobs.releaseIdOf(release);
        }
      }
      return new StartOptions(model, release, releaseId);
    }

    private static String value(List<String> args, int i, String option) {
      if (i >= args.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args.get(i);
    }
  }

  /**
   * @param model the model folder embed-service and predict-service serve, or null for none
   * @param release a release file to ingest instead of the sample, or null
   */
  void start(Path model, Path release, String releaseId) throws IOException {
    Files.createDirectories(state.resolve("logs"));
    PidFiles pids = new PidFiles(state.resolve("pids"));
    String kafka = "127.0.0.1:" + KAFKA_PORT;
    String cassandra = "127.0.0.1:" + CASSANDRA_PORT;
    if (pids.alive("kafka").isEmpty()) {
      requireFree("Kafka", KAFKA_PORT);
      KafkaServer server = KafkaServer.start(state.resolve("kafka"), KAFKA_PORT, true);
      pids.write("kafka", server.pid());
      System.out.printf("Kafka      %s (log %s)%n", kafka, server.log());
    }
    if (pids.alive("cassandra").isEmpty()) {
      requireFree("Cassandra", CASSANDRA_PORT);
      CassandraServer server =
          CassandraServer.start(state.resolve("cassandra"), CASSANDRA_PORT, true);
      pids.write("cassandra", server.pid());
      System.out.printf("Cassandra  %s (log %s)%n", cassandra, server.log());
    }
    String token = IngestToken.of(state);
    // POST /releases reads local files only from named directories: the sample's, the release's
    IngestSources sources = new IngestSources(state.resolve("ingest-sources"));
    Set<String> wanted = new TreeSet<>(sources.read());
    wanted.add(repository.resolve(SAMPLE).getParent().toString());
    if (release != null) {
      wanted.add(release.getParent().toString());
    }
    Optional<ProcessHandle> ingest = pids.alive("ingest-service");
    if (ingest.isPresent() && !sources.read().containsAll(wanted)) {
      System.out.println(
          "restarting ingest-service so that it may read " + (release == null ? "" : release));
      ServerProcess.stop(ingest.get(), Duration.ofSeconds(30));
      pids.delete("ingest-service");
    }
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka,
                "PROTSTREAM_CASSANDRA_CONTACT_POINTS",
                cassandra,
                "PROTSTREAM_CASSANDRA_LOCAL_DATACENTER",
                CassandraServer.DATACENTER,
                "PROTSTREAM_INGEST_API_TOKEN",
                token,
                "PROTSTREAM_INGEST_WATCH_DIRECTORY",
                Files.createDirectories(state.resolve("inbox")).toString(),
                "PROTSTREAM_INGEST_SOURCE_DIRECTORIES",
                String.join(",", wanted)));
    if (model != null) {
      String folder = model.toAbsolutePath().toString();
      env.put("PROTSTREAM_EMBED_MODEL_DIRECTORY", folder);
      env.put("PROTSTREAM_PREDICT_MODEL_DIRECTORY", folder);
      System.out.printf("model      %s%n", folder);
    }
    List<LocalService> started = new ArrayList<>();
    for (LocalService service : LocalService.ALL) {
      if (pids.alive(service.name()).isEmpty()) {
        long pid = service.start(repository, state.resolve("logs"), env, 0);
        pids.write(service.name(), pid);
        if (service.name().equals("ingest-service")) {
          sources.write(wanted);
        }
      }
      started.add(service);
    }
    for (LocalService service : started) {
      service.awaitReady(Duration.ofMinutes(3), state.resolve("logs"));
      System.out.printf(
          "%-14s http://127.0.0.1:%d  (health /q/health, metrics /q/metrics, API /q/openapi)%n",
          service.name(), service.port());
    }
    Path sample = repository.resolve(SAMPLE);
    if (release != null) {
      ingestRelease(release, releaseId, token, kafka, model != null);
    } else if (Files.exists(sample)) {
      String ingested = SampleRelease.ingest("http://127.0.0.1:8081", sample, "2025_01", token);
      System.out.println(ingested);
      // a release still being ingested keeps feeding the pipeline: follow it all the same
      if (model != null && !ingested.contains("not ingested") && !ingested.contains("FAILED")) {
        System.out.println(PipelineProgress.awaitAnnotations(Duration.ofMinutes(5)));
      }
    }
    System.out.println(
        "ingest token (Authorization: Bearer ...) in " + state.resolve("ingest-token"));
    System.out.println(
        "release files dropped into " + state.resolve("inbox") + " are ingested too");
    System.out.println(
        "protstream is up; state and logs in " + state + "; stop with deploy/local/stop.sh");
  }

  /** Submits a user's release file and prints its progress until the pipeline has drained. */
  private static void ingestRelease(
      Path release, String releaseId, String token, String kafka, boolean withModel) {
    String ingestUrl = "http://127.0.0.1:" + PipelineProgress.port("ingest-service");
    PipelineProgress.Counters before = PipelineProgress.Counters.read();
    ReleaseJobs.Submission submitted = ReleaseJobs.submit(ingestUrl, release, releaseId, token);
    if (!submitted.accepted()) {
      System.out.println("release " + release + " not ingested: " + submitted.refusal());
      return;
    }
    System.out.printf(
        "ingesting %s as release %s (job %s)%s%n",
        release,
        releaseId,
        submitted.jobId(),
        withModel ? "" : "; no model configured, so nothing will be embedded");
    System.out.println(
        PipelineProgress.followRelease(
            ingestUrl, submitted.jobId(), token, kafka, before, RELEASE_TIMEOUT));
  }

  void stop() {
    PidFiles pids = new PidFiles(state.resolve("pids"));
    // services first, so nothing writes to a broker or database that is going away
    List<String> order = new ArrayList<>();
    LocalService.ALL.forEach(s -> order.add(s.name()));
    order.add("cassandra");
    order.add("kafka");
    for (String name : order) {
      Optional<ProcessHandle> process = pids.alive(name);
      if (process.isPresent()) {
        ServerProcess.stop(process.get(), Duration.ofSeconds(30));
        System.out.println("stopped " + name + " (pid " + process.get().pid() + ")");
      }
      pids.delete(name);
    }
    try {
      // the next start chooses ingest-service's source directories afresh
      Files.deleteIfExists(state.resolve("ingest-sources"));
    } catch (IOException e) {
      System.out.println("cannot delete " + state.resolve("ingest-sources") + ": " + e);
    }
  }

  void status() {
    PidFiles pids = new PidFiles(state.resolve("pids"));
    List<String> names = new ArrayList<>(List.of("kafka", "cassandra"));
    LocalService.ALL.forEach(s -> names.add(s.name()));
    for (String name : names) {
      System.out.printf(
          "%-14s %s%n",
          name, pids.alive(name).map(p -> "running, pid " + p.pid()).orElse("not running"));
    }
    if (pids.alive("kafka").isPresent()) {
      printLag("127.0.0.1:" + KAFKA_PORT);
    }
    Path token = state.resolve("ingest-token");
    if (pids.alive("ingest-service").isPresent() && Files.exists(token)) {
      printJobs(IngestToken.of(state));
    }
  }

  private static void printLag(String kafka) {
    List<ConsumerLag> lags;
    try {
      lags = ConsumerLag.of(kafka, PipelineProgress.STAGES);
    } catch (IllegalStateException e) {
      System.out.println("consumer lag: " + e.getMessage());
      return;
    }
    System.out.println();
    System.out.printf("%-18s %-36s %12s %12s %10s%n", "group", "topic", "committed", "end", "lag");
    for (ConsumerLag lag : lags) {
      System.out.printf(
          "%-18s %-36s %,12d %,12d %,10d%s%n",
          lag.group(),
          lag.topic(),
          lag.committed(),
          lag.end(),
          lag.lag(),
          lag.drained() ? "" : "  behind");
    }
  }

  private static void printJobs(String token) {
    String jobs =
        ReleaseJobs.jobs("http://127.0.0.1:" + PipelineProgress.port("ingest-service"), token);
    System.out.println();
    System.out.println(
        "ingest jobs: " + (jobs.isEmpty() ? "(ingest-service not answering)" : jobs));
  }

  private static void requireFree(String what, int port) {
    if (Ports.accepts("127.0.0.1", port)) {
      throw new IllegalStateException(
          what
              + " port "
              + port
              + " is taken by another program; set PROTSTREAM_"
              + what.toUpperCase()
              + "_PORT to another port");
    }
  }

  static int envInt(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
