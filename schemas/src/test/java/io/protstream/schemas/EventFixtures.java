package io.protstream.schemas;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ChangeKind;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.events.SequenceEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/** One realistic event of each type. */
public final class EventFixtures {

  public static final String HBA_SEQUENCE =
      "MVLSPADKTNVKAAWGKVGAHAGEYGAEALERMFLSFPTTKTYFPHFDLSHGSAQVKGHGKKVADALTNAVAHVDDMPNALSALSDLHAHKLRVDPVNFKLLSHCLLVTLAAHLPAEFTPAVHASLDKFLASVSTVLTSKYR";
  public static final String HBA_DIGEST =
      "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
  public static final Instant TIME = Instant.parse("2025-02-05T10:15:30.123Z");

  private EventFixtures() {}

  public static SequenceEvent sequence() {
    return SequenceEvent.newBuilder()
        .setAccession("P69905")
        .setSecondaryAccessions(List.of("P01922", "Q1HDT5"))
        .setReleaseId("2025_01")
        .setChangeKind(ChangeKind.SEQUENCE_CHANGED)
        .setSequence(HBA_SEQUENCE)
        .setLength(HBA_SEQUENCE.length())
        .setSequenceDigest(HBA_DIGEST)
        .setCrc64("15E13666573BBBAE")
        .setEntryVersion(200)
        .setSequenceVersion(2)
        .setReviewed(true)
        .setOrganismName("Homo sapiens")
        .setNcbiTaxId(9606L)
        .setProteinName("Hemoglobin subunit alpha")
        .setGeneName("HBA1")
        .setEmbeddingExists(true)
        .setEventTime(TIME)
        .build();
  }

  public static SequenceEvent merged() {
    return SequenceEvent.newBuilder()
        .setAccession("Q1HDT5")
        .setReleaseId("2025_01")
        .setChangeKind(ChangeKind.MERGED)
        .setMergedInto("P69905")
        .setLength(0)
        .setEventTime(TIME)
        .build();
  }

  public static ProteinEmbeddingEvent proteinEmbedding() {
    return ProteinEmbeddingEvent.newBuilder()
        .setSequenceDigest(HBA_DIGEST)
        .setAccessions(List.of("P69905"))
        .setModelId("Rostlab/prot_t5_xl_half_uniref50-enc")
        .setDimension(1024)
        .setVector(floats(1024, 1))
        .setLength(142)
        .setWindowed(false)
        .setCreatedAt(TIME)
        .build();
  }

  public static ResidueEmbeddingEvent residueEmbedding() {
    int length = 142;
    int dimension = 16;
    float[] matrix = new float[length * dimension];
    Random random = new Random(2);
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (float) random.nextGaussian();
    }
    return ResidueEmbeddingEvent.newBuilder()
        .setSequenceDigest(HBA_DIGEST)
        .setAccessions(List.of("P69905"))
        .setModelId("Rostlab/prot_t5_xl_half_uniref50-enc")
        .setLength(length)
        .setDimension(dimension)
        .setResidues(ByteBuffer.wrap(Fp16Matrix.encode(matrix)))
        .setWindowed(true)
        .setWindowSize(100)
        .setWindowOverlap(50)
        .setWindowCount(2)
        .setCreatedAt(TIME)
        .build();
  }

  public static AnnotationEvent annotation() {
    int length = 6;
    return AnnotationEvent.newBuilder()
        .setSequenceDigest(HBA_DIGEST)
        .setAccessions(List.of("P69905"))
        .setEncoderModelId("Rostlab/prot_t5_xl_half_uniref50-enc")
        .setSecondaryStructureModelId("prott5-sec-cnn")
        .setDisorderModelId("seth")
        .setLocalizationModelId("light-attention-loc")
        .setMembraneModelId("light-attention-mem")
        .setLength(length)
        .setDssp3("LLHHHE")
        .setDssp3Probabilities(ByteBuffer.wrap(bytes(length * 3)))
        .setDssp8("CCHHHE")
        .setDssp8Probabilities(ByteBuffer.wrap(bytes(length * 8)))
        .setDisorder("DDOOOO")
        .setDisorderProbabilities(ByteBuffer.wrap(bytes(length * 2)))
        .setLocalization("Cytoplasm")
        .setLocalizationProbabilities(
            List.of(0.01f, 0.9f, 0.01f, 0.01f, 0.01f, 0.02f, 0.01f, 0.01f, 0.01f, 0.01f))
        .setMembrane("Soluble")
        .setMembraneProbabilities(List.of(0.05f, 0.95f))
        .setCreatedAt(TIME)
        .build();
  }

  public static List<SpecificRecord> all() {
    return List.of(sequence(), merged(), proteinEmbedding(), residueEmbedding(), annotation());
  }

  static List<Float> floats(int n, long seed) {
    Random random = new Random(seed);
    Float[] values = new Float[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextFloat() - 0.5f;
    }
    return List.of(values);
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 37);
    }
    return b;
  }
}
