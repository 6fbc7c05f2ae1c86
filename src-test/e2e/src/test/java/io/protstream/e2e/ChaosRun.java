package io.protstream.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.protstream.testinfra.CassandraEndpoint;
import io.protstream.testinfra.CassandraServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * The chaos suite: a generated release with UniProtKB's length mix goes through the four services
 * twice, once undisturbed and once while every service is SIGKILLed at random moments and
 * restarted, the Kafka broker is restarted and the Cassandra node is restarted; then both runs'
 * Cassandra state and read_committed topics are compared ({@link ChaosReport}).
 *
 * <p>{@code ChaosRun [--sequences N] [--seed S] [--kills K] [--kafka-restarts R]
 * [--cassandra-restarts C] [--drain-minutes M] [--work DIR]}; prints the report, exits 0 when the
 * chaos run matches the clean one.
 */
public final class ChaosRun {

  static final String RELEASE = "chaos_01";

  /** A run that made no progress for this long is stuck, not slow. */
  private static final Duration STALL = Duration.ofMinutes(2);

  /**
   * What to run. {@code cassandra} null: the run starts (and may restart) a node of its own. {@code
   * faultWindow} null: faults other than ingest's come at random points of the flow (fractions of
   * the digests annotated); else at random times within the window from the first submission,
   * overlapping (a short run on a busy machine would be over before restarts one after another).
   */
  record Options(
      int sequences,
      long seed,
      int killsPerService,
      int kafkaRestarts,
      int cassandraRestarts,
      Duration drainTimeout,
      Path work,
      CassandraEndpoint cassandra,
      Duration faultWindow) {}

  /**
   * One fault injected into the chaos run.
   *
   * @param atMillis when, from the release's first submission
   * @param progress what had come out by then (accessions announced, or digests annotated)
   * @param upMillis until the restarted process answered again
   * @param recoveredMillis until the pipeline made progress again (or had nothing left to do)
   */
  record Fault(
      String target,
      long atMillis,
      String progress,
      long upMillis,
      long recoveredMillis,
      String note) {}

  /** One pass of the release through the pipeline. */
  record Run(
      String name,
      boolean drained,
      long drainMillis,
      String state,
      List<Fault> faults,
      List<String> submissions,
      TopicCensus census,
      CassandraSnapshot index,
      CassandraSnapshot ledger) {}

  private ChaosRun() {}

  public static void main(String[] args) throws Exception {
    int sequences = 10_000;
    long seed = 1;
    int kills = 1;
    int kafkaRestarts = 1;
    int cassandraRestarts = 1;
    int drainMinutes = 15;
    Path work = Path.of("target", "chaos");
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--sequences" -> sequences = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--kills" -> kills = Integer.parseInt(value);
        case "--kafka-restarts" -> kafkaRestarts = Integer.parseInt(value);
        case "--cassandra-restarts" -> cassandraRestarts = Integer.parseInt(value);
        case "--drain-minutes" -> drainMinutes = Integer.parseInt(value);
        case "--work" -> work = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ChaosReport report =
        run(
            new Options(
                sequences,
                seed,
                kills,
                kafkaRestarts,
                cassandraRestarts,
                Duration.ofMinutes(drainMinutes),
                work.toAbsolutePath(),
                null,
                null));
    String text = report.text();
    System.out.println(text);
    Files.writeString(work.resolve("chaos-report.txt"), text);
    System.exit(report.passed() ? 0 : 1);
  }

  static ChaosReport run(Options options) throws Exception {
    Path work = Files.createDirectories(options.work().toAbsolutePath());
    Path releases = work.resolve("releases");
    ChaosInput input =
        ChaosInput.write(
            releases.resolve("chaos_" + options.sequences() + ".fasta"),
            options.sequences(),
            options.seed());
    if (options.cassandra() != null && options.cassandraRestarts() > 0) {
      throw new IllegalArgumentException("only a node of the run's own can be restarted");
    }
    ChaosServers.Node node =
        options.cassandra() == null ? new ChaosServers.Node(work.resolve("cassandra")) : null;
    String contactPoint = node != null ? node.contactPoint() : options.cassandra().contactPoint();
    String datacenter =
        node != null ? CassandraServer.DATACENTER : options.cassandra().datacenter();
    String runId = Long.toString(System.currentTimeMillis() % 100_000_000L);
    try (CqlSession session = session(contactPoint, datacenter)) {
      Run clean =
          pass(
              "clean",
              "chaos_clean_" + runId,
              options,
              input,
              node,
              contactPoint,
              datacenter,
              session,
              null,
              List.of());
      Run chaos =
          pass(
              "chaos",
              "chaos_faults_" + runId,
              options,
              input,
              node,
              contactPoint,
              datacenter,
              session,
              clean.index().keyspace(),
              plan(options));
      Set<String> differing = new TreeSet<>();
      for (CassandraSnapshot.TableDifference d : chaos.index().differences(clean.index())) {
        if (d.table().equals("sequences")) {
          d.rowsByColumn().values().forEach(pks -> differing.addAll(StoredDrift.digestsOf(pks)));
        }
      }
      Map<String, StoredDrift.Column> drift =
          StoredDrift.of(session, chaos.index().keyspace(), clean.index().keyspace(), differing);
      return new ChaosReport(options, input, clean, chaos, drift);
    } finally {
      if (node != null) {
        node.close();
      }
    }
  }

  /** What to break, in order: ingest while it announces, the rest at random points of the flow. */
  private static List<String> plan(Options options) {
    List<String> rest = new ArrayList<>();
    for (int k = 0; k < options.killsPerService(); k++) {
      rest.addAll(List.of(ServiceSet.EMBED, ServiceSet.PREDICT, ServiceSet.INDEX));
    }
    for (int k = 0; k < options.kafkaRestarts(); k++) {
      rest.add("kafka");
    }
    for (int k = 0; k < options.cassandraRestarts(); k++) {
      rest.add("cassandra");
    }
    Collections.shuffle(rest, new Random(options.seed()));
    List<String> plan = new ArrayList<>();
    for (int k = 0; k < options.killsPerService(); k++) {
      plan.add(ServiceSet.INGEST);
    }
    plan.addAll(rest);
    return plan;
  }

  private static Run pass(
      String name,
      String keyspacePrefix,
      Options options,
      ChaosInput input,
      ChaosServers.Node node,
      String contactPoint,
      String datacenter,
      CqlSession session,
      String hashFrom,
      List<String> plan)
      throws Exception {
    Path work = options.work();
    Set<String> expected = new HashSet<>(input.digestByAccession().values());
    List<Fault> faults = new ArrayList<>();
    try (ChaosServers.Broker kafka = new ChaosServers.Broker(work.resolve("kafka-" + name));
        ServiceSet services =
            new ServiceSet(
                    new ServiceSet.Settings(
                        kafka.bootstrapServers(),
                        contactPoint,
                        datacenter,
                        keyspacePrefix,
                        EmbedStreams.tinyModel(),
                        input.file().getParent(),
                        work.resolve("logs-" + name),
                        20250205L))
                .startAll()) {
      if (hashFrom != null) {
        // the LSH hash takes its center from the first vector indexed, which depends on arrival
        // order; both runs use the clean run's hash, so their buckets can be compared
        CassandraSnapshot.copyRows(session, hashFrom, services.indexKeyspace(), "index_settings");
      }
      Instant origin = Instant.now();
      Random random = new Random(options.seed() * 31 + 7);
      Run result;
      try (ChaosMonitor monitor = new ChaosMonitor(kafka.bootstrapServers());
          ReleaseDriver driver =
              new ReleaseDriver(
                  new ReleaseClient(services.url(ServiceSet.INGEST)),
                  input.file(),
                  RELEASE,
                  origin)) {
        int entries = input.digestByAccession().size();
        List<CompletableFuture<Fault>> pending = new ArrayList<>();
        int stage = 0;
        int others = (int) plan.stream().filter(t -> !t.equals(ServiceSet.INGEST)).count();
        for (String target : plan) {
          boolean ingest = target.equals(ServiceSet.INGEST);
          IntSupplier progress = ingest ? monitor::announced : monitor::annotated;
          int total = ingest ? entries : expected.size();
          double fraction =
              ingest
                  ? 0.5 * random.nextDouble()
                  : (stage++ + 0.2 + 0.6 * random.nextDouble()) / (others + 1);
          int trigger = Math.max(1, (int) Math.ceil(fraction * total));
          if (options.faultWindow() != null && !ingest) {
            Instant when =
                origin.plusMillis(
                    (long) (options.faultWindow().toMillis() * (fraction * (others + 1) / others)));
            while (Instant.now().isBefore(when)) {
              Thread.sleep(20);
            }
            pending.add(
                inject(target, services, kafka, node, progress, total, origin, driver, options));
            continue;
          }
          int seen = progress.getAsInt();
          Instant moved = Instant.now();
          while (seen < trigger && seen < total && Instant.now().isBefore(moved.plus(STALL))) {
            Thread.sleep(20);
            int now = progress.getAsInt();
            if (now != seen) {
              seen = now;
              moved = Instant.now();
            }
          }
          // the restart and the wait for recovery run on, while the next fault waits for its moment
          pending.add(
              inject(target, services, kafka, node, progress, total, origin, driver, options));
        }
        for (CompletableFuture<Fault> fault : pending) {
          faults.add(fault.join());
        }
        Instant drainDeadline = Instant.now().plus(options.drainTimeout());
        String state = "";
        boolean drained = false;
        int last = -1;
        Instant lastChange = Instant.now();
        while (Instant.now().isBefore(drainDeadline)) {
          int done = complete(session, services.indexKeyspace(), expected);
          if (done != last) {
            last = done;
            lastChange = Instant.now();
          } else if (driver.succeeded() && Instant.now().isAfter(lastChange.plus(STALL))) {
            state += "; no progress for " + STALL.toSeconds() + " s, stopped waiting";
            break;
          }
          state =
              String.format(
                  "%d of %d digests indexed, annotated and transfer-checked; release job %s",
                  done, expected.size(), driver.succeeded() ? "SUCCEEDED" : "not finished");
          if (done == expected.size() && driver.succeeded()) {
            drained = true;
            break;
          }
          Thread.sleep(500);
        }
        long drainMillis = Duration.between(origin, Instant.now()).toMillis();
        List<String> submissions = driver.submissions();
        services.close();
        result =
            new Run(
                name,
                drained,
                drainMillis,
                state,
                faults,
                submissions,
                TopicCensus.of(kafka.bootstrapServers()),
                CassandraSnapshot.of(session, services.indexKeyspace()),
                CassandraSnapshot.of(session, services.ingestKeyspace()));
      }
      return result;
    }
  }

  /**
   * Breaks one thing now and, on another thread, brings it back and measures how long the pipeline
   * took to recover.
   */
  private static CompletableFuture<Fault> inject(
      String target,
      ServiceSet services,
      ChaosServers.Broker kafka,
      ChaosServers.Node node,
      IntSupplier progress,
      int total,
      Instant origin,
      ReleaseDriver driver,
      Options options) {
    Instant at = Instant.now();
    int before = progress.getAsInt();
    boolean ingest = target.equals(ServiceSet.INGEST);
    String note =
        ingest
            ? (driver.succeeded() ? "release job had already finished" : "release job running")
            : "";
    boolean service = ServiceSet.NAMES.contains(target);
    if (service) {
      services.kill(target);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          switch (target) {
            case "kafka" -> kafka.restart();
            case "cassandra" -> node.restart();
            default -> {
              services.launch(target);
              services.awaitReady(target);
            }
          }
          Instant up = Instant.now();
          Instant giveUp = up.plus(STALL);
          while (progress.getAsInt() <= before
              && before < total
              && Instant.now().isBefore(giveUp)) {
            pause();
          }
          Instant recovered = before >= total ? up : Instant.now();
          String kind =
              switch (target) {
                case "kafka" -> "Kafka broker restarted";
                case "cassandra" -> "Cassandra node restarted";
                default -> target + " SIGKILLed, restarted";
              };
          return new Fault(
              kind,
              Duration.between(origin, at).toMillis(),
              before + "/" + total + (ingest ? " announced" : " annotated"),
              Duration.between(at, up).toMillis(),
              Duration.between(at, recovered).toMillis(),
              before >= total ? (note + " (nothing left to flow)").trim() : note);
        });
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Expected digests that are searchable, annotated and through annotation transfer. */
  private static int complete(CqlSession session, String keyspace, Set<String> expected) {
    try {
      int done = 0;
      for (Row row :
          session.execute(
              SimpleStatement.newInstance(
                      "SELECT digest, searchable, annotated_length, transfer_done FROM "
                          + keyspace
                          + ".sequences")
                  .setPageSize(2000))) {
        if (expected.contains(row.getString("digest"))
            && row.getBoolean("searchable")
            && !row.isNull("annotated_length")
            && row.getBoolean("transfer_done")) {
          done++;
        }
      }
      return done;
    } catch (RuntimeException e) {
      return -1; // the node is restarting
    }
  }

  private static CqlSession session(String contactPoint, String datacenter) {
    int colon = contactPoint.lastIndexOf(':');
    return CqlSession.builder()
        .addContactPoint(
            new InetSocketAddress(
                contactPoint.substring(0, colon),
                Integer.parseInt(contactPoint.substring(colon + 1))))
        .withLocalDatacenter(datacenter)
        .build();
  }
}
