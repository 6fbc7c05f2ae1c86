package io.protstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.protstream.local.LocalService;
import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.schemas.Topics;
import io.protstream.testinfra.CassandraEndpoint;
import io.protstream.testinfra.KafkaEndpoint;
import io.protstream.testinfra.Ports;
import io.protstream.testinfra.ServerProcess;
import io.protstream.testinfra.junit.RealInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sequence search through a running embed-service: the packaged embed-service and index-service as
 * separate JVMs on the real broker and database with the tiny demo model. Four sequences go through
 * the stream (embed-service embeds them, index-service indexes them); then a search with one of the
 * sequences as query is embedded by index-service through embed-service's {@code POST /embed}.
 * Expected neighbours and distances come from {@link ProtT5Model} run in the test on the same
 * sequences.
 */
@RealInfrastructure
class SequenceSearchTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("e2e.repository", "../.."));
  private static final Duration READY = Duration.ofMinutes(2);
  private static final Duration INDEXED = Duration.ofSeconds(60);
  private static final String QUERY =
      "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQ";

  private final List<Long> started = new ArrayList<>();

  @Test
  void aSequenceQueryIsEmbeddedByEmbedServiceAndFindsItsIndexedTwinFirst(
      KafkaEndpoint kafka, CassandraEndpoint cassandra) throws Exception {
    // the query itself, a point mutant, a five-fold mutant and an unrelated sequence
    Map<String, String> accessions = new LinkedHashMap<>();
    accessions.put("E2ESRCH0", QUERY);
    accessions.put("E2ESRCH1", mutate(QUERY, 10, 'W'));
    accessions.put(
        "E2ESRCH2",
        mutate(mutate(mutate(mutate(mutate(QUERY, 3, 'P'), 17, 'C'), 29, 'Y'), 41, 'H'), 55, 'N'));
    accessions.put("E2ESRCH3", "MSDNGPQNQRNAPRITFGGPSDSTGSNQNGERSGARSKQRRPQGLPNNTASWFTALTQHGK");
    Map<String, String> accessionOf = new HashMap<>();
    accessions.forEach(
        (accession, sequence) -> accessionOf.put(EmbedStreams.digest(sequence), accession));

    Map<String, float[]> vectors = new HashMap<>();
    try (ProtT5Model model =
        ProtT5Model.open(EmbedStreams.tinyModel(), RuntimeOptions.cpu(), BatchLimits.DEFAULT)) {
      List<ProteinSequence> inputs =
          accessions.values().stream()
              .map(s -> new ProteinSequence(EmbedStreams.digest(s), s))
              .toList();
      for (EmbeddingResult r : model.embed(inputs)) {
        vectors.put(r.id(), r.embedding().protein());
      }
    }
    String queryDigest = EmbedStreams.digest(QUERY);
    float[] query = vectors.get(queryDigest);
    // what the direct model says: digests nearest first, with Euclidean distances
    List<String> expectedOrder = new ArrayList<>(vectors.keySet());
    expectedOrder.sort(Comparator.comparingDouble(d -> euclidean(query, vectors.get(d))));
    double largest = 0;
    for (float[] v : vectors.values()) {
      for (float x : v) {
        largest = Math.max(largest, Math.abs(x));
      }
    }
    // each side of a distance may differ by 1e-4 of the largest value per element
    double tolerance = 2 * 1e-4 * largest * Math.sqrt(query.length);

    Path logs = Files.createDirectories(Path.of("target", "e2e-logs", "sequence-search"));
    long self = ProcessHandle.current().pid();
    Map<String, String> common =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "PROTSTREAM_CASSANDRA_CONTACT_POINTS", cassandra.contactPoint(),
            "PROTSTREAM_CASSANDRA_LOCAL_DATACENTER", cassandra.datacenter());
    LocalService embed = new LocalService("embed-service", Ports.free());
    LocalService index = new LocalService("index-service", Ports.free());
    Map<String, String> embedEnv = new HashMap<>(common);
    embedEnv.put("PROTSTREAM_EMBED_MODEL_DIRECTORY", EmbedStreams.tinyModel().toString());
    Map<String, String> indexEnv = new HashMap<>(common);
    indexEnv.put("PROTSTREAM_CASSANDRA_KEYSPACE", "e2e_sequence_search_" + self);
    indexEnv.put("PROTSTREAM_INDEX_LSH_SEED", "20250205");
    indexEnv.put("PROTSTREAM_EMBED_URL", "http://127.0.0.1:" + embed.port());
    started.add(embed.start(REPOSITORY, logs, embedEnv, self));
    started.add(index.start(REPOSITORY, logs, indexEnv, self));
    CompletableFuture.allOf(
            CompletableFuture.runAsync(() -> embed.awaitReady(READY, logs)),
            CompletableFuture.runAsync(() -> index.awaitReady(READY, logs)))
        .join();

    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      accessions.forEach(
          (accession, sequence) ->
              producer.send(
                  new ProducerRecord<>(
                      Topics.SEQUENCES, accession, EmbedStreams.newSequence(accession, sequence))));
      producer.flush();
    }

    IndexApi api = new IndexApi("http://127.0.0.1:" + index.port());
    Instant deadline = Instant.now().plus(INDEXED);
    JsonNode exact = null;
    while (Instant.now().isBefore(deadline)) {
      IndexApi.Answer answer = api.search(Map.of("sequence", QUERY, "k", 10, "method", "exact"));
      assertEquals(200, answer.status(), String.valueOf(answer.body()));
      if (digests(answer.body()).containsAll(expectedOrder)) {
        exact = answer.body();
        break;
      }
      Thread.sleep(250);
    }
    assertTrue(exact != null, "the four sequences were not searchable within " + INDEXED);

    // exact: all four, in the direct model's order, at its distances
    List<String> found = digests(exact);
    assertEquals(expectedOrder, found.stream().filter(vectors::containsKey).toList());
    assertEquals(queryDigest, found.get(0), "the query's own sequence first");
    for (JsonNode neighbour : exact.path("neighbours")) {
      String digest = neighbour.path("digest").asText();
      if (vectors.containsKey(digest)) {
        assertEquals(
            euclidean(query, vectors.get(digest)),
            neighbour.path("distance").asDouble(),
            tolerance,
            "distance to " + accessionOf.get(digest));
        assertEquals(
            accessionOf.get(digest),
            neighbour.path("accessions").path(0).path("accession").asText());
      }
    }
    assertEquals(0.0, exact.path("neighbours").path(0).path("distance").asDouble(), tolerance);

    // lsh (the default method): the twin first at distance 0, every distance the model's
    IndexApi.Answer lsh = api.search(Map.of("sequence", QUERY, "k", 4));
    assertEquals(200, lsh.status(), String.valueOf(lsh.body()));
    JsonNode neighbours = lsh.body().path("neighbours");
    assertFalse(neighbours.isEmpty(), lsh.body().toString());
    assertEquals(queryDigest, neighbours.path(0).path("digest").asText());
    assertEquals(
        "E2ESRCH0", neighbours.path(0).path("accessions").path(0).path("accession").asText());
    for (JsonNode neighbour : neighbours) {
      String digest = neighbour.path("digest").asText();
      if (vectors.containsKey(digest)) {
        assertEquals(
            euclidean(query, vectors.get(digest)),
            neighbour.path("distance").asDouble(),
            tolerance,
            "lsh distance to " + accessionOf.get(digest));
      }
    }
  }

  @AfterEach
  void stopServices() {
    started.forEach(
        pid -> ProcessHandle.of(pid).ifPresent(p -> ServerProcess.stop(p, Duration.ofSeconds(20))));
  }

  private static List<String> digests(JsonNode result) {
    List<String> digests = new ArrayList<>();
    result.path("neighbours").forEach(n -> digests.add(n.path("digest").asText()));
    return digests;
  }

  private static String mutate(String sequence, int position, char residue) {
    return sequence.substring(0, position) + residue + sequence.substring(position + 1);
  }

  private static double euclidean(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}
