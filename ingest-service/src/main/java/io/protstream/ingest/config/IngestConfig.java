package io.protstream.ingest.config;

import io.protstream.schemas.SequenceLimits;
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
    /**
     * Longest sequence accepted; longer ones are rejected to the dead-letter topic. The pipeline's
     * limit ({@link SequenceLimits#MAX_RESIDUES}) by default; set lower, never higher.
     */
    @WithDefault(SequenceLimits.MAX_RESIDUES_TEXT)
    int maxSequenceLength();

    /**
     * Directories that {@code POST /releases} may read release files from (the watched directory is
     * always allowed); unset = no local files.
     */
    Optional<List<String>> sourceDirectories();

    /**
     * URL prefixes that {@code POST /releases} may download from. Default: UniProt's release
     * servers over HTTPS. A host resolving to a loopback or link-local address is refused unless a
     * prefix names that address literally.
     */
    @WithDefault(
        "https://ftp.uniprot.org/pub/databases/uniprot/,"
            + "https://ftp.ebi.ac.uk/pub/databases/uniprot/,"
            + "https://ftp.expasy.org/databases/uniprot/")
    List<String> sourceUrlPrefixes();

    /** Limits of release downloads. */
    Download download();

    /** Finished jobs kept for {@code GET /releases}; older ones are forgotten. */
    @WithDefault("100")
    int keptJobs();

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

  interface Download {
    /** Longest wait for a connection to the release server. */
    @WithDefault("PT30S")
    java.time.Duration connectTimeout();

    /** Longest wait for the response and for each further piece of the body. */
    @WithDefault("PT2M")
    java.time.Duration readTimeout();

    /** Largest release file downloaded (UniProtKB/TrEMBL XML is about 200 GB uncompressed). */
    @WithDefault("1099511627776")
    long maxBytes();
  }
}
