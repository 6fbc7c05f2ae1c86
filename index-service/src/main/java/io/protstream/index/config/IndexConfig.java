package io.protstream.index.config;

import io.protstream.schemas.SequenceLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings of index-service: {@code protstream.cassandra.*}, {@code protstream.index.*}, {@code
 * protstream.search.*} and {@code protstream.embed.*}.
 */
@ConfigMapping(prefix = "protstream")
public interface IndexConfig {

  Cassandra cassandra();

  Index index();

  Search search();

  Embed embed();

  interface Cassandra {
    /** {@code host:port} of one or more nodes. */
    List<String> contactPoints();

    String localDatacenter();

    @WithDefault("protstream_index")
    String keyspace();

    @WithDefault("1")
    int replicationFactor();
  }

  interface Index {
    /**
     * Width of the per-protein embeddings this index holds (ProtT5-XL: 1024); 0 takes the width of
     * the first embedding stored.
     */
    @WithDefault("0")
    int dimension();

    Lsh lsh();

    Transfer transfer();
  }

  /** Random-hyperplane LSH; see index-service/README.md for how the defaults were chosen. */
  interface Lsh {
    /** Bits per table (k); buckets per table = 2^k. */
    @WithDefault("12")
    int bits();

    /** Tables (L). */
    @WithDefault("8")
    int tables();

    /** Extra buckets probed per table beyond the query's own (multi-probe). */
    @WithDefault("16")
    int probes();

    /**
     * Candidates whose exact vectors are read and ranked, the best by the distance their bucket
     * rows' sketches estimate (at least k).
     */
    @WithDefault("15")
    int rescored();

    /** Hyperplane seed used when the index is created; random when absent. */
    Optional<Long> seed();

    /**
     * A file of little-endian float32 values, the embedding width of them: the hyperplanes' common
     * point used when the index is created, best the mean of a sample of the model's embeddings.
     * When absent, the point halfway between the origin and the first indexed vector.
     */
    Optional<java.nio.file.Path> centerFile();

    /**
     * A file of little-endian float32 rows, each of the embedding width and of unit length, at
     * right angles to each other: the axes the bucket rows' sketches keep (and the hyperplanes are
     * drawn in), used when the index is created; best the principal axes of a sample of the model's
     * embeddings ({@code LshBasis} writes both files from stored embeddings). When absent, 64
     * random axes from the seed.
     */
    Optional<java.nio.file.Path> axesFile();
  }

  interface Transfer {
    /** Nearest annotated neighbours each kind of label is taken from (goPredSim: 1). */
    @WithDefault("1")
    int sourcesPerKind();

    /**
     * Nearest annotation sources looked at when a new digest is annotated; each kind of label takes
     * the nearest of them that carries one.
     */
    @WithDefault("50")
    int candidates();
  }

  interface Search {
    @WithDefault("10")
    int defaultK();

    @WithDefault("1000")
    int maxK();

    /** Longest query sequence, in residues. */
    @WithDefault(SequenceLimits.MAX_RESIDUES_TEXT)
    int maxSequenceLength();

    /** Largest request body, in bytes. */
    @WithDefault("1048576")
    int maxBodyBytes();
  }

  interface Embed {
    /** Base URL of embed-service, e.g. http://127.0.0.1:8082. */
    @WithDefault("http://127.0.0.1:8082")
    String url();

    @WithDefault("30s")
    Duration timeout();

    /** Largest embed-service response read, in bytes. */
    @WithDefault("1048576")
    int maxResponseBytes();
  }
}
