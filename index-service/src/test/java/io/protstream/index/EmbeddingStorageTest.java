package io.protstream.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Embedding events from the real broker end up in the digest's Cassandra row; the latest by event
 * time wins whatever the arrival order, replays change nothing, invalid ones are dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class EmbeddingStorageTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject CqlSession session;
  @Inject MeterRegistry meters;

  @Test
  void latestEmbeddingWinsAndOlderOrReplayedEventsChangeNothing() {
    IndexEvents events = new IndexEvents(bootstrapServers);
    String sequence = "MSTORAGEWINS";
    float[] newer = IndexEvents.vector(0.25f, -1.5f, 3.0f);
    float[] older = IndexEvents.vector(7f);
    float[] newest = IndexEvents.vector(-2f, 1f);
    Instant t1 = IndexEvents.T0.plusSeconds(3600);
    Instant t2 = IndexEvents.T0.plusSeconds(7200);
    String digest = IndexEvents.digestOf(sequence);

    double before = stored();
    events.send(IndexEvents.embedding(sequence, newer, t2));
    events.send(IndexEvents.embedding(sequence, older, t1)); // arrives late
    events.send(IndexEvents.embedding(sequence, newer, t2)); // replay
    IndexEvents.await("three embeddings processed", () -> stored() >= before + 3);

    Row row = row(digest);
    assertArrayEquals(newer, ProteinEmbedding.vectorFrom(row.getByteBuffer("vector")));
    assertEquals(t2, row.getInstant("embedded_at"));
    assertEquals(IndexEvents.MODEL, row.getString("model_id"));

    events.send(IndexEvents.embedding(sequence, newest, t2.plusSeconds(1)));
    IndexEvents.await("the newest embedding stored", () -> stored() >= before + 4);
    assertArrayEquals(newest, ProteinEmbedding.vectorFrom(row(digest).getByteBuffer("vector")));
  }

  @Test
  void eventWhoseVectorDisagreesWithItsDimensionIsDeadLettered() {
    String digest = "b".repeat(64);
    KafkaProbe kafka = new KafkaProbe(bootstrapServers);
    ProteinEmbeddingEvent bad =
        ProteinEmbeddingEvent.newBuilder()
            .setSequenceDigest(digest)
            .setModelId(IndexEvents.MODEL)
            .setDimension(4)
            .setVector(List.of(1f, 2f))
            .setLength(141)
            .setCreatedAt(IndexEvents.T0)
            .build();

    kafka.send(
        Topics.PROTEIN_EMBEDDINGS,
        digest,
        new ProteinEmbeddingEventSerializer().serialize(Topics.PROTEIN_EMBEDDINGS, bad));

    var dead =
        kafka
            .await(
                Topics.PROTEIN_EMBEDDINGS_DLQ, r -> digest.equals(r.key()), Duration.ofSeconds(60))
            .orElseThrow(() -> new AssertionError("nothing on " + Topics.PROTEIN_EMBEDDINGS_DLQ));
    String reason = KafkaProbe.header(dead, DeadLetter.REASON);
    assertTrue(reason.contains("declares dimension 4 but has 2 values"), reason);
  }

  private double stored() {
    return meters.counter("protstream_index_embeddings_stored").count();
  }

  private Row row(String digest) {
    return session
        .execute("SELECT * FROM protstream_index.sequences WHERE digest = ?", digest)
        .one();
  }
}
