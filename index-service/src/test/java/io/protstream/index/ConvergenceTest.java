package io.protstream.index;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.protstream.events.ChangeKind;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The three topics in any order end in the same state, which search results show; replays change
 * nothing; deleted and merged accessions leave search and answer 410 and 301; a digest stays
 * searchable while any live accession carries it, and leaves no LSH bucket entry behind when it
 * goes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class ConvergenceTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject CqlSession session;
  @Inject MeterRegistry meters;

  @Test
  void anyOrderAcrossTopicsEndsInTheSameStateAndReplaysChangeNothing() {
    IndexEvents events = new IndexEvents(bootstrapServers);
    Instant t = IndexEvents.T0;
    String s1 = "MCONVERGEFIRST";
    String s2 = "MCONVERGESECOND";
    float[] v1 = IndexEvents.vector(10f, 0.5f);
    float[] v2 = IndexEvents.vector(10f, 0f, 0.5f);

    // sequence, annotation, embedding
    events.send(IndexEvents.entry("Q1C001", s1, t).build());
    events.send(IndexEvents.annotation(s1, t));
    events.send(IndexEvents.embedding(s1, v1, t));
    // embedding, annotation, sequence
    events.send(IndexEvents.embedding(s2, v2, t));
    events.send(IndexEvents.annotation(s2, t));
    events.send(IndexEvents.entry("Q1C002", s2, t).build());

    awaitSearchable(IndexEvents.digestOf(s1), v1);
    awaitSearchable(IndexEvents.digestOf(s2), v2);
    IndexEvents.await(
        "annotations of both", () -> hasAnnotations("Q1C001") && hasAnnotations("Q1C002"));
    Map<String, Object> first = comparable("Q1C001");
    Map<String, Object> second = comparable("Q1C002");
    assertEquals(first, second);
    assertEquals("Cytoplasm", ((Map<?, ?>) first.get("predicted")).get("localization"));
    assertEquals(true, first.get("embedded"));
    // a neighbour shows the model and the labels of its events (IndexEvents), read for the result
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("accession", "Q1C001", "k", 1, "method", "exact"))
        .post("/api/search")
        .then()
        .statusCode(200)
        .body("queryDigest", equalTo(IndexEvents.digestOf(s1)))
        .body("modelId", equalTo(IndexEvents.MODEL))
        .body("neighbours[0].digest", equalTo(IndexEvents.digestOf(s2)))
        .body("neighbours[0].modelId", equalTo(IndexEvents.MODEL))
        .body("neighbours[0].localization", equalTo("Cytoplasm"))
        .body("neighbours[0].membrane", equalTo("Soluble"));

    double entries = counter("protstream_index_entries_stored");
    double embeddings = counter("protstream_index_embeddings_stored");
    events.send(IndexEvents.embedding(s1, v1, t));
    events.send(IndexEvents.annotation(s1, t));
    events.send(IndexEvents.entry("Q1C001", s1, t).build());
    IndexEvents.await(
        "replays processed",
        () ->
            counter("protstream_index_entries_stored") >= entries + 1
                && counter("protstream_index_embeddings_stored") >= embeddings + 1);
    assertEquals(first, comparable("Q1C001"));
  }

  @Test
  void deletedAndMergedAccessionsLeaveSearchWhileSharedSequencesStay() {
    IndexEvents events = new IndexEvents(bootstrapServers);
    Instant t = IndexEvents.T0;
    String shared = "MSHAREDBYTWO";
    String alone = "MDELETEDALONE";
    float[] sharedVector = IndexEvents.vector(20f, 0.5f);
    float[] aloneVector = IndexEvents.vector(20f, 0f, 0.5f);
    String sharedDigest = IndexEvents.digestOf(shared);
    String aloneDigest = IndexEvents.digestOf(alone);
    events.send(IndexEvents.entry("Q1D001", shared, t).build());
    events.send(IndexEvents.entry("Q1D002", shared, t).build());
    events.send(IndexEvents.entry("Q1D003", alone, t).build());
    events.send(IndexEvents.embedding(shared, sharedVector, t));
    events.send(IndexEvents.embedding(alone, aloneVector, t));
    awaitSearchable(sharedDigest, sharedVector);
    awaitSearchable(aloneDigest, aloneVector);

    Instant later = t.plusSeconds(86_400);
    events.send(IndexEvents.retired("Q1D003", ChangeKind.DELETED, "2025_02", null, later));
    events.send(IndexEvents.retired("Q1D001", ChangeKind.MERGED, "2025_02", "Q1D002", later));

    IndexEvents.await(
        "Q1D003 deleted",
        () -> given().get("/api/proteins/Q1D003").then().extract().statusCode() == 410);
    given().get("/api/proteins/Q1D003").then().statusCode(410).body("release", equalTo("2025_02"));
    IndexEvents.await(
        "Q1D001 merged",
        () ->
            given()
                    .redirects()
                    .follow(false)
                    .get("/api/proteins/Q1D001")
                    .then()
                    .extract()
                    .statusCode()
                == 301);
    given()
        .redirects()
        .follow(false)
        .get("/api/proteins/Q1D001")
        .then()
        .statusCode(301)
        .header("Location", endsWith("/api/proteins/Q1D002"))
        .body("mergedInto", equalTo("Q1D002"));

    for (String method : List.of("exact", "lsh", "sai")) {
      List<String> digests = nearest(aloneVector, method);
      assertFalse(digests.contains(aloneDigest), method + " still finds the deleted " + digests);
      List<String> accessions = nearestAccessions(sharedVector, method);
      assertEquals(List.of("Q1D002"), accessions, method);
    }
    assertNull(lshEntry(aloneDigest), "the deleted sequence keeps an LSH entry");
    assertEquals(0, bucketRowsOf(aloneDigest), "orphan bucket rows of the deleted sequence");

    events.send(
        IndexEvents.retired(
            "Q1D002", ChangeKind.DELETED, "2025_03", null, later.plusSeconds(86_400)));
    IndexEvents.await(
        "the shared sequence leaves search",
        () -> !nearest(sharedVector, "exact").contains(sharedDigest));
    assertFalse(nearest(sharedVector, "lsh").contains(sharedDigest));
    assertFalse(nearest(sharedVector, "sai").contains(sharedDigest));
    assertEquals(0, bucketRowsOf(sharedDigest));
  }

  private void awaitSearchable(String digest, float[] vector) {
    IndexEvents.await(digest + " searchable", () -> nearest(vector, "exact").contains(digest));
  }

  private boolean hasAnnotations(String accession) {
    return given().get("/api/proteins/" + accession).then().extract().path("predicted") != null;
  }

  /** The card without what necessarily differs between the two sequences. */
  private Map<String, Object> comparable(String accession) {
    Map<String, Object> card =
        given().get("/api/proteins/" + accession).then().statusCode(200).extract().as(Map.class);
    for (String differs :
        List.of("accession", "digest", "sequence", "length", "proteinName", "geneName")) {
      card.remove(differs);
    }
    Map<String, Object> predicted = (Map<String, Object>) card.get("predicted");
    for (String perResidue :
        List.of(
            "dssp3",
            "dssp8",
            "disorder",
            "dssp3Probabilities",
            "dssp8Probabilities",
            "disorderProbabilities")) {
      predicted.remove(perResidue);
    }
    return card;
  }

  static List<String> nearest(float[] vector, String method) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("vector", IndexEvents.list(vector), "k", 5, "method", method))
        .post("/api/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("neighbours.digest", String.class);
  }

  private static List<String> nearestAccessions(float[] vector, String method) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("vector", IndexEvents.list(vector), "k", 1, "method", method))
        .post("/api/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("neighbours[0].accessions.accession", String.class);
  }

  private double counter(String name) {
    return meters.counter(name).count();
  }

  private List<Long> lshEntry(String digest) {
    var row =
        session
            .execute("SELECT codes FROM protstream_index.lsh_entries WHERE digest = ?", digest)
            .one();
    return row == null ? null : row.getList("codes", Long.class);
  }

  /** Buckets naming the digest, by a full scan: the test tables are tiny. */
  long bucketRowsOf(String digest) {
    return session
        .execute("SELECT sketches FROM protstream_index.lsh_bucket_sketches")
        .all()
        .stream()
        .filter(r -> r.getMap("sketches", String.class, ByteBuffer.class).containsKey(digest))
        .count();
  }
}
