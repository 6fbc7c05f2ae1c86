package io.protstream.index;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.protstream.index.storage.LshIndex;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A planted data set: a query point and near-duplicates at known Euclidean distances 0.1, 0.2 and
 * 0.3 (one coordinate moved each), plus decoys further away. LSH must return exactly the planted
 * neighbours at those distances, as exact and SAI do, for both metrics; a re-embedded sequence
 * moves to its new buckets and leaves none of the old ones behind.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class LshSearchTest {

  private static final float BASE = 100f;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @ConfigProperty(name = "protstream.index.lsh.tables")
  int tables;

  @Inject CqlSession session;

  @Test
  void findsPlantedNeighboursAtTheirKnownDistancesAndAgreesWithExact() {
    IndexEvents events = new IndexEvents(bootstrapServers);
    Instant t = IndexEvents.T0;
    List<String> planted = new ArrayList<>();
    float[][] vectors = {
      IndexEvents.vector(BASE, 0.1f),
      IndexEvents.vector(BASE, 0f, 0.2f),
      IndexEvents.vector(BASE, 0f, 0f, 0.3f),
      IndexEvents.vector(BASE, 0f, 0f, 0f, 2f),
      IndexEvents.vector(BASE, 0f, 0f, 0f, 0f, 3f),
    };
    for (int i = 0; i < vectors.length; i++) {
      String sequence = "MPLANTED" + "ACDEFGHIKL".charAt(i);
      planted.add(IndexEvents.digestOf(sequence));
      events.send(IndexEvents.entry("Q1L00" + i, sequence, t).build());
      events.send(IndexEvents.embedding(sequence, vectors[i], t));
    }
    float[] query = IndexEvents.vector(BASE);
    IndexEvents.await(
        "planted set searchable",
        () -> ConvergenceTest.nearest(query, "exact").containsAll(planted));

    for (String metric : List.of("euclidean", "cosine")) {
      JsonPath exact = search(query, "exact", metric, 3);
      for (String method : List.of("lsh", "sai")) {
        JsonPath other = search(query, method, metric, 3);
        assertEquals(
            exact.getList("neighbours.digest"),
            other.getList("neighbours.digest"),
            method + " " + metric + " " + bucketsOf(planted.get(0)));
      }
      assertEquals(planted.subList(0, 3), exact.getList("neighbours.digest"), metric);
    }
    JsonPath lsh = search(query, "lsh", "euclidean", 3);
    List<Float> distances = lsh.getList("neighbours.distance", Float.class);
    double[] expected = {0.1, 0.2, 0.3};
    for (int i = 0; i < 3; i++) {
      assertEquals(expected[i], distances.get(i), 1e-4, "distance " + i);
      double ri = 0.5 / (0.5 + expected[i]);
      assertEquals(ri, lsh.getFloat("neighbours[" + i + "].reliabilityIndex"), 1e-4);
    }
  }

  @Test
  void reEmbeddedSequenceMovesBucketsWithoutOrphans() {
    IndexEvents events = new IndexEvents(bootstrapServers);
    String sequence = "MMOVINGBUCKETS";
    String digest = IndexEvents.digestOf(sequence);
    float[] before = IndexEvents.vector(BASE, 0f, 0f, 0f, 0f, 0f, 0f, 50f);
    float[] after = IndexEvents.vector(-BASE, 0f, 0f, 0f, 0f, 0f, 0f, -50f);
    events.send(IndexEvents.entry("Q1M001", sequence, IndexEvents.T0).build());
    events.send(IndexEvents.embedding(sequence, before, IndexEvents.T0));
    IndexEvents.await("first buckets", () -> codes(digest) != null);
    List<Long> first = codes(digest);

    events.send(IndexEvents.embedding(sequence, after, IndexEvents.T0.plusSeconds(60)));
    IndexEvents.await("moved", () -> !first.equals(codes(digest)));
    List<Long> second = codes(digest);

    assertNotEquals(first, second);
    assertEquals(tables, second.size());
    List<String> rows = bucketsOf(digest);
    List<String> expected = new ArrayList<>();
    for (int table = 0; table < tables; table++) {
      expected.add(table + ":" + second.get(table));
    }
    assertEquals(expected.stream().sorted().toList(), rows.stream().sorted().toList());
    assertEquals(
        List.of(digest), search(after, "lsh", "euclidean", 1).getList("neighbours.digest"));
  }

  private static JsonPath search(float[] query, String method, String metric, int k) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("vector", IndexEvents.list(query), "k", k, "method", method, "metric", metric))
        .post("/api/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private List<Long> codes(String digest) {
    Row row =
        session
            .execute("SELECT codes FROM protstream_index.lsh_entries WHERE digest = ?", digest)
            .one();
    return row == null ? null : row.getList("codes", Long.class);
  }

  /** "table:code" of every bucket naming the digest (full scan; the test tables are tiny). */
  private List<String> bucketsOf(String digest) {
    return session
        .execute("SELECT tbl, high, low, sketches FROM protstream_index.lsh_bucket_sketches")
        .all()
        .stream()
        .filter(r -> r.getMap("sketches", String.class, ByteBuffer.class).containsKey(digest))
        // the code's high bits are the partition, its low bits the row
        .map(
            r ->
                r.getInt("tbl")
                    + ":"
                    + ((r.getLong("high") << LshIndex.LOW_BITS) | r.getInt("low")))
        .toList();
  }
}
