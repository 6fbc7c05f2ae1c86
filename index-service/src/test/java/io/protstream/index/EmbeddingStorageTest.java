package io.protstream.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.index.domain.ProteinEmbedding;
import io.protstream.schemas.DeadLetter;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.ProteinEmbeddingEventSerializer;
import io.protstream.testinfra.KafkaProbe;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Embedding events from the real broker end up as one Cassandra row per digest; invalid ones are
 * dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class EmbeddingStorageTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject CqlSession session;

  @Test
  void eventIsStoredOncePerDigestEvenWhenReplayed() throws Exception {
    String digest = "a".repeat(64);
    byte[] event = serialize(event(digest, 3, List.of(0.25f, -1.5f, 3.0f)));
    KafkaProbe kafka = new KafkaProbe(bootstrapServers);

    kafka.send(Topics.PROTEIN_EMBEDDINGS, digest, event);
    kafka.send(Topics.PROTEIN_EMBEDDINGS, digest, event);

    Row row = awaitRow(digest);
    assertEquals(Set.of("P69905"), row.getSet("accessions", String.class));
    assertArrayEquals(
        new float[] {0.25f, -1.5f, 3.0f}, ProteinEmbedding.vectorFrom(row.getByteBuffer("vector")));
    long rows =
        session
            .execute(
                "SELECT count(*) FROM protstream_index.protein_embeddings WHERE digest = ?", digest)
            .one()
            .getLong(0);
    assertEquals(1, rows);
  }

  @Test
  void eventWhoseVectorDisagreesWithItsDimensionIsDeadLettered() {
    String digest = "b".repeat(64);
    KafkaProbe kafka = new KafkaProbe(bootstrapServers);

    kafka.send(Topics.PROTEIN_EMBEDDINGS, digest, serialize(event(digest, 4, List.of(1f, 2f))));

    var dead =
        kafka
            .await(
                Topics.PROTEIN_EMBEDDINGS_DLQ, r -> digest.equals(r.key()), Duration.ofSeconds(60))
            .orElseThrow(() -> new AssertionError("nothing on " + Topics.PROTEIN_EMBEDDINGS_DLQ));
    String reason = KafkaProbe.header(dead, DeadLetter.REASON);
    assertTrue(reason.contains("declares dimension 4 but has 2 values"), reason);
  }

  private Row awaitRow(String digest) throws InterruptedException {
    for (int i = 0; i < 120; i++) {
      Row row =
          session
              .execute("SELECT * FROM protstream_index.protein_embeddings WHERE digest = ?", digest)
              .one();
      if (row != null) {
        return row;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no row for " + digest);
  }

  private static ProteinEmbeddingEvent event(String digest, int dimension, List<Float> vector) {
    return ProteinEmbeddingEvent.newBuilder()
        .setSequenceDigest(digest)
        .setAccessions(List.of("P69905"))
        .setModelId("prott5-test")
        .setDimension(dimension)
        .setVector(vector)
        .setLength(141)
        .setCreatedAt(Instant.parse("2025-02-05T00:00:00Z"))
        .build();
  }

  private static byte[] serialize(ProteinEmbeddingEvent event) {
    return new ProteinEmbeddingEventSerializer().serialize(Topics.PROTEIN_EMBEDDINGS, event);
  }
}
