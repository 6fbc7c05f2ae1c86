package io.protstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.ChangeKind;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.events.SequenceEvent;
import io.protstream.local.LocalService;
import io.protstream.local.SampleRelease;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.ProteinEmbeddingEventDeserializer;
import io.protstream.schemas.serde.SequenceEventDeserializer;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample release through the packaged ingest-service and embed-service, as separate
 * JVMs on the real broker and database: every new entry reaches the embedder as work to do, exactly
 * once, and every embeddable sequence comes out as exactly one committed embedding event.
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
            "PROTSTREAM_INGEST_API_TOKEN", TOKEN,
            "PROTSTREAM_INGEST_SOURCE_DIRECTORIES",
                REPOSITORY.resolve("deploy/local/sample").toAbsolutePath().normalize().toString(),
            "PROTSTREAM_EMBED_MODEL_DIRECTORY", EmbedStreams.tinyModel().toString());
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

    // what the release announced as work, read independently of embed-service
    Set<String> embeddable =
        EmbedStreams.readCommitted(
                kafka.bootstrapServers(), Topics.SEQUENCES, r -> true, 1, Duration.ofSeconds(30))
            .stream()
            .map(r -> new SequenceEventDeserializer().deserialize(r.topic(), r.value()))
            .filter(e -> "2025_01".equals(e.getReleaseId()))
            .filter(
                e ->
                    (e.getChangeKind() == ChangeKind.NEW
                            || e.getChangeKind() == ChangeKind.SEQUENCE_CHANGED)
                        && !e.getEmbeddingExists())
            .map(SequenceEvent::getSequenceDigest)
            .collect(Collectors.toSet());
    assertEquals(11, embeddable.size(), "distinct new sequences in the sample release");
    List<ConsumerRecord<String, byte[]>> embeddings =
        EmbedStreams.readCommitted(
            kafka.bootstrapServers(),
            Topics.PROTEIN_EMBEDDINGS,
            r -> embeddable.contains(r.key()),
            embeddable.size(),
            Duration.ofSeconds(60));
    Map<String, List<ProteinEmbeddingEvent>> byDigest =
        embeddings.stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::key,
                    Collectors.mapping(
                        r ->
                            new ProteinEmbeddingEventDeserializer()
                                .deserialize(r.topic(), r.value()),
                        Collectors.toList())));
    assertEquals(embeddable, byDigest.keySet(), "an embedding per embeddable sequence");
    byDigest.forEach(
        (digest, events) -> {
          assertEquals(1, events.size(), "embedding events for " + digest);
          assertEquals(64, events.get(0).getDimension());
          assertTrue(events.get(0).getModelId().startsWith("demo-"), events.get(0).getModelId());
        });
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
