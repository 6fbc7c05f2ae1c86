package io.protstream.index.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** The settings of index-service: {@code protstream.cassandra.*} and {@code protstream.index.*}. */
@ConfigMapping(prefix = "protstream")
public interface IndexConfig {

  Cassandra cassandra();

  Index index();

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
     * Width of the per-protein embeddings this index holds (ProtT5-XL: 1024); 0 accepts any width.
     */
    @WithDefault("0")
    int dimension();
  }
}
