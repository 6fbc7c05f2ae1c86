package io.protstream.index;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ChangeKind;
import io.protstream.events.CuratedAnnotations;
import io.protstream.events.GoTerm;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.events.SequenceEvent;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.AnnotationEventSerializer;
import io.protstream.schemas.serde.ProteinEmbeddingEventSerializer;
import io.protstream.schemas.serde.SequenceEventSerializer;
import io.protstream.testinfra.KafkaProbe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Events as the other services write them, sent to the real broker. Every test of this module uses
 * vectors of {@link #DIMENSION} values: the index records one width per keyspace.
 */
final class IndexEvents {

  static final int DIMENSION = 8;
  static final String MODEL = "prott5-test";
  static final Instant T0 = Instant.parse("2025-02-05T00:00:00Z");

  private final KafkaProbe kafka;

  IndexEvents(String bootstrapServers) {
    this.kafka = new KafkaProbe(bootstrapServers);
  }

  KafkaProbe kafka() {
    return kafka;
  }

  static String digestOf(String sequence) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(sequence.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A vector with every value {@code base} except {@code offsets} added to the first ones. */
  static float[] vector(float base, float... offsets) {
    float[] v = new float[DIMENSION];
    java.util.Arrays.fill(v, base);
    for (int i = 0; i < offsets.length; i++) {
      v[i] += offsets[i];
    }
    return v;
  }

  static List<Float> list(float[] v) {
    Float[] boxed = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      boxed[i] = v[i];
    }
    return List.of(boxed);
  }

  static ProteinEmbeddingEvent embedding(String sequence, float[] vector, Instant createdAt) {
    return ProteinEmbeddingEvent.newBuilder()
        .setSequenceDigest(digestOf(sequence))
        .setModelId(MODEL)
        .setDimension(vector.length)
        .setVector(list(vector))
        .setLength(sequence.length())
        .setCreatedAt(createdAt)
        .build();
  }

  static AnnotationEvent annotation(String sequence, Instant createdAt) {
    int length = sequence.length();
    byte[] p3 = new byte[3 * length];
    for (int i = 0; i < length; i++) {
      p3[3 * i] = (byte) 230; // helix 230/255
      p3[3 * i + 1] = (byte) 15;
      p3[3 * i + 2] = (byte) 10;
    }
    return AnnotationEvent.newBuilder()
        .setSequenceDigest(digestOf(sequence))
        .setEncoderModelId(MODEL)
        .setSecondaryStructureModelId("sec-test")
        .setDisorderModelId("sec-test")
        .setLocalizationModelId("loc-test")
        .setMembraneModelId("mem-test")
        .setLength(length)
        .setDssp3("H".repeat(length))
        .setDssp3Probabilities(ByteBuffer.wrap(p3))
        .setDssp8("H".repeat(length))
        .setDssp8Probabilities(ByteBuffer.wrap(new byte[8 * length]))
        .setDisorder("-".repeat(length))
        .setDisorderProbabilities(ByteBuffer.wrap(new byte[2 * length]))
        .setLocalization("Cytoplasm")
        .setLocalizationProbabilities(
            List.of(0.01f, 0.9f, 0.01f, 0.01f, 0.01f, 0.02f, 0.01f, 0.01f, 0.01f, 0.01f))
        .setMembrane("Soluble")
        .setMembraneProbabilities(List.of(0.05f, 0.95f))
        .setCreatedAt(createdAt)
        .build();
  }

  static SequenceEvent.Builder entry(String accession, String sequence, Instant time) {
    return SequenceEvent.newBuilder()
        .setAccession(accession)
        .setReleaseId("2025_01")
        .setChangeKind(ChangeKind.NEW)
        .setSequence(sequence)
        .setLength(sequence.length())
        .setSequenceDigest(digestOf(sequence))
        .setReviewed(true)
        .setOrganismName("Homo sapiens")
        .setNcbiTaxId(9606L)
        .setProteinName("Protein " + accession)
        .setGeneName("G" + accession)
        .setEventTime(time);
  }

  static SequenceEvent retired(
      String accession, ChangeKind kind, String release, String mergedInto, Instant time) {
    return SequenceEvent.newBuilder()
        .setAccession(accession)
        .setReleaseId(release)
        .setChangeKind(kind)
        .setMergedInto(mergedInto)
        .setLength(0)
        .setEventTime(time)
        .build();
  }

  static CuratedAnnotations curated(
      List<GoTerm> go, List<String> ec, List<String> keywords, List<String> locations) {
    return CuratedAnnotations.newBuilder()
        .setGoTerms(go)
        .setEcNumbers(ec)
        .setKeywords(keywords)
        .setSubcellularLocations(locations)
        .build();
  }

  static GoTerm go(String id, String aspect) {
    return GoTerm.newBuilder().setId(id).setAspect(aspect).setEvidence("IDA").build();
  }

  void send(ProteinEmbeddingEvent e) {
    kafka.send(
        Topics.PROTEIN_EMBEDDINGS,
        e.getSequenceDigest(),
        new ProteinEmbeddingEventSerializer().serialize(Topics.PROTEIN_EMBEDDINGS, e));
  }

  void send(AnnotationEvent e) {
    kafka.send(
        Topics.ANNOTATIONS,
        e.getSequenceDigest(),
        new AnnotationEventSerializer().serialize(Topics.ANNOTATIONS, e));
  }

  void send(SequenceEvent e) {
    kafka.send(
        Topics.SEQUENCES,
        e.getAccession(),
        new SequenceEventSerializer().serialize(Topics.SEQUENCES, e));
  }

  /** Polls until the condition holds (60 s at most). */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
