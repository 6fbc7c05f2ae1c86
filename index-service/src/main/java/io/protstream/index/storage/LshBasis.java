package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.protstream.index.domain.HyperplaneLsh;
import io.protstream.index.domain.ProteinEmbedding;
import io.protstream.support.cassandra.CqlSessions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command (not part of the service): the LSH center and sketch axes of an index, from a sample of
 * the embeddings it stores: their mean and their principal axes, written as the files {@code
 * protstream.index.lsh.center-file} and {@code ...axes-file} declare. Both are read when an index
 * is created; to re-hash an existing index with them, start index-service with them on an empty
 * keyspace and let it consume the compacted {@code protein.embeddings.v1} from the beginning.
 *
 * <pre>
 * java -cp "$CP" io.protstream.index.storage.LshBasis --cassandra 127.0.0.1:19042
 *     [--keyspace protstream_index] [--sample 2000] [--axes 64] --out DIR
 * </pre>
 *
 * writes {@code DIR/lsh-center.f32} and {@code DIR/lsh-axes.f32}.
 */
public final class LshBasis {

  /** More than this many vectors add nothing to a mean and 64 axes, only time. */
  private static final int MAX_SAMPLE = 100_000;

  private LshBasis() {}

  public static void main(String[] args) throws IOException {
    String cassandra = "127.0.0.1:19042";
    String keyspace = "protstream_index";
    int sample = 2000;
    int axes = HyperplaneLsh.DEFAULT_SKETCH_DIMENSIONS;
    Path out = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--cassandra" -> cassandra = args[i + 1];
        case "--keyspace" -> keyspace = args[i + 1];
        case "--sample" -> sample = Math.min(MAX_SAMPLE, Integer.parseInt(args[i + 1]));
        case "--axes" -> axes = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (out == null || !keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
      System.err.println(
          "usage: LshBasis --cassandra HOST:PORT [--keyspace K] [--sample N] [--axes M] --out DIR");
      System.exit(2);
    }
    float[][] vectors;
    try (CqlSession session = CqlSessions.open(List.of(cassandra), "datacenter1")) {
      vectors = sample(session, keyspace, sample);
    }
    if (vectors.length <= axes) {
      System.err.printf(
          Locale.ROOT,
          "only %d embeddings stored in %s: at least %d are needed for %d axes%n",
          vectors.length,
          keyspace,
          axes + 1,
          axes);
      System.exit(1);
    }
    float[] center = HyperplaneLsh.mean(vectors);
    float[][] principal = HyperplaneLsh.principalAxes(vectors, center, axes, 42);
    Files.createDirectories(out);
    Files.write(out.resolve("lsh-center.f32"), LshIndex.bytesOf(new float[][] {center}).array());
    Files.write(out.resolve("lsh-axes.f32"), LshIndex.bytesOf(principal).array());
    System.out.printf(
        Locale.ROOT,
        "%d embeddings of width %d: center and %d axes written to %s%n",
        vectors.length,
        center.length,
        principal.length,
        out);
  }

  /** Up to {@code size} stored vectors of the first one's width, in token (hash) order. */
  private static float[][] sample(CqlSession session, String keyspace, int size) {
    List<float[]> vectors = new ArrayList<>();
    int width = -1;
    SimpleStatement scan =
        SimpleStatement.newInstance("SELECT vector FROM " + keyspace + ".sequences")
            .setPageSize(500);
    for (Row row : session.execute(scan)) {
      ByteBuffer stored = row.getByteBuffer(0);
      if (stored == null) {
        continue;
      }
      float[] vector = ProteinEmbedding.vectorFrom(stored);
      if (width < 0) {
        width = vector.length;
      }
      if (vector.length == width) {
        vectors.add(vector);
      }
      if (vectors.size() == size) {
        break;
      }
    }
    return vectors.toArray(new float[0][]);
  }
}
