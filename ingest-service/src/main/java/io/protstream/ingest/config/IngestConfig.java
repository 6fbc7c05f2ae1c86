package io.protstream.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The settings of ingest-service: {@code protstream.cassandra.*} and {@code protstream.ingest.*}
 * (topic creation is {@code protstream.kafka.*}, shared by every service).
 */
@ConfigMapping(prefix = "protstream")
public interface IngestConfig {

  Cassandra cassandra();

  Ingest ingest();

  interface Cassandra {
    /** {@code host:port} of one or more nodes. */
    List<String> contactPoints();

    String localDatacenter();

    @WithDefault("protstream_ingest")
    String keyspace();

    @WithDefault("1")
    int replicationFactor();
  }

  interface Ingest {
    /** Longest sequence accepted; longer ones are rejected to the dead-letter topic. */
    @WithDefault("40000")
    int maxSequenceLength();

    /**
     * Token required by write endpoints ({@code Authorization: Bearer <token>}); unset = writes
     * refused.
     */
    Optional<String> apiToken();

    /** A directory watched for new release files; unset = no watching. */
    Optional<String> watchDirectory();

    /** How often the watched directory is looked at. */
    @WithDefault("PT5S")
    java.time.Duration watchInterval();

    /** Changes announced before the ledger commits them; a crash re-announces at most this many. */
    @WithDefault("512")
    int window();
  }
}
