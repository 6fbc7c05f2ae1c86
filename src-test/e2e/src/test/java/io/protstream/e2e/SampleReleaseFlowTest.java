package io.protstream.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.local.LocalService;
import io.protstream.local.SampleRelease;
import io.protstream.testinfra.CassandraEndpoint;
import io.protstream.testinfra.KafkaEndpoint;
import io.protstream.testinfra.Ports;
import io.protstream.testinfra.ServerProcess;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample release through the packaged ingest-service and embed-service, as separate
 * JVMs on the real broker and database: every new entry reaches the embedder as work to do, exactly
 * once.
 */
@RealInfrastructure
class SampleReleaseFlowTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("e2e.repository", "../.."));
  private static final String TOKEN = "e2e-token";

  private final List<Long> started = new ArrayList<>();

  @Test
  void sampleReleaseReachesTheEmbedderOncePerEntry(KafkaEndpoint kafka, CassandraEndpoint cassandra)
      throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "PROTSTREAM_CASSANDRA_CONTACT_POINTS", cassandra.contactPoint(),
            "PROTSTREAM_CASSANDRA_LOCAL_DATACENTER", cassandra.datacenter(),
            "PROTSTREAM_CASSANDRA_KEYSPACE", "e2e_ingest",
            "PROTSTREAM_INGEST_API_TOKEN", TOKEN);
    LocalService ingest = new LocalService("ingest-service", Ports.free());
    LocalService embed = new LocalService("embed-service", Ports.free());
    long self = ProcessHandle.current().pid();
    started.add(ingest.start(REPOSITORY, logs, env, self));
    started.add(embed.start(REPOSITORY, logs, env, self));
    ingest.awaitReady(Duration.ofMinutes(2), logs);
    embed.awaitReady(Duration.ofMinutes(2), logs);

    String report =
        SampleRelease.ingest(
            "http://127.0.0.1:" + ingest.port(),
            REPOSITORY.resolve("deploy/local/sample/uniprot_sample_2025_01.dat"),
            "2025_01",
            TOKEN);
    assertTrue(report.contains("\"state\":\"SUCCEEDED\"") && report.contains("\"NEW\":11"), report);

    String embedded = "decision=\"EMBED\"} 11.0";
    String metrics = awaitMetric(embed, embedded, Duration.ofSeconds(60));
    assertTrue(metrics.contains(embedded), metrics);
  }

  @AfterEach
  void stopServices() {
    started.forEach(
        pid -> ProcessHandle.of(pid).ifPresent(p -> ServerProcess.stop(p, Duration.ofSeconds(20))));
  }

  private static String awaitMetric(LocalService service, String text, Duration timeout)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/q/metrics"))
            .build();
    Instant deadline = Instant.now().plus(timeout);
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      body = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
      if (body.contains(text)) {
        return body;
      }
      Thread.sleep(500);
    }
    return body;
  }
}
