package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.protstream.index.config.IndexConfig;
import io.protstream.index.domain.AccessionEntry;
import io.protstream.index.domain.CuratedAnnotations;
import io.protstream.index.domain.DigestRecord;
import io.protstream.index.domain.EntryState;
import io.protstream.index.domain.IndexState;
import io.protstream.index.domain.Member;
import io.protstream.index.domain.NeighbourSummary;
import io.protstream.index.domain.PredictedAnnotations;
import io.protstream.index.domain.ProteinEmbedding;
import io.protstream.index.domain.ProteinStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link ProteinStore} in Cassandra. Source facts carry their event time as write timestamp ({@code
 * USING TIMESTAMP}), so Cassandra's last-write-wins keeps the latest event per column whatever the
 * arrival order, and a replayed older event is a no-op.
 */
@ApplicationScoped
public class CassandraProteinStore implements ProteinStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CqlSession session;
  private final PreparedStatement claimDimension;
  private final PreparedStatement readDimension;
  private final PreparedStatement putEmbedding;
  private final PreparedStatement putAnnotations;
  private final PreparedStatement putSequence;
  private final PreparedStatement putAccession;
  private final PreparedStatement putMember;
  private final PreparedStatement putAccessionCurated;
  private final PreparedStatement putMemberCurated;
  private final PreparedStatement retire;
  private final PreparedStatement removeMember;
  private final PreparedStatement readAccession;
  private final PreparedStatement readDigest;
  private final PreparedStatement readMembers;
  private final PreparedStatement markSearchable;
  private final PreparedStatement markTransferDone;
  private final PreparedStatement readIndexState;
  private final PreparedStatement readSummary;
  private volatile int knownDimension;

  @Inject
  CassandraProteinStore(CqlSession session, IndexConfig config) {
    this(session, config.cassandra().keyspace());
  }

  CassandraProteinStore(CqlSession session, String keyspace) {
    this.session = session;
    String ks = keyspace + ".";
    claimDimension =
        session.prepare(
            "INSERT INTO "
                + ks
                + "index_settings (name, dimension) VALUES ('index', ?) IF NOT EXISTS");
    readDimension =
        session.prepare("SELECT dimension FROM " + ks + "index_settings WHERE name = 'index'");
    putEmbedding =
        session.prepare(
            "UPDATE "
                + ks
                + "sequences USING TIMESTAMP ? SET vector = ?, model_id = ?, embedded_at = ?"
                + " WHERE digest = ?");
    putAnnotations =
        session.prepare(
            "UPDATE "
                + ks
                + "sequences USING TIMESTAMP ? SET encoder_model_id = ?,"
                + " secondary_structure_model_id = ?, disorder_model_id = ?,"
                + " localization_model_id = ?, membrane_model_id = ?, annotated_length = ?,"
                + " dssp3 = ?, dssp3_p = ?, dssp8 = ?, dssp8_p = ?, disorder = ?, disorder_p = ?,"
                + " localization = ?, localization_p = ?, membrane = ?, membrane_p = ?,"
                + " annotated_at = ? WHERE digest = ?");
    putSequence =
        session.prepare(
            "UPDATE " + ks + "sequences USING TIMESTAMP ? SET sequence = ? WHERE digest = ?");
    putAccession =
        session.prepare(
            "UPDATE "
                + ks
                + "accessions USING TIMESTAMP ? SET digest = ?, protein_name = ?, gene_name = ?,"
                + " organism = ?, taxon_id = ?, reviewed = ?, release = ?, secondary = ?,"
                + " state = 'LIVE', merged_into = null, event_time = ? WHERE accession = ?");
    putMember =
        session.prepare(
            "UPDATE "
                + ks
                + "digest_members USING TIMESTAMP ? SET reviewed = ?, taxon_id = ?,"
                + " protein_name = ?, organism = ? WHERE digest = ? AND accession = ?");
    putAccessionCurated =
        session.prepare(
            "UPDATE " + ks + "accessions USING TIMESTAMP ? SET curated = ? WHERE accession = ?");
    putMemberCurated =
        session.prepare(
            "UPDATE "
                + ks
                + "digest_members USING TIMESTAMP ? SET curated = ?"
                + " WHERE digest = ? AND accession = ?");
    retire =
        session.prepare(
            "UPDATE "
                + ks
                + "accessions USING TIMESTAMP ? SET state = ?, release = ?, merged_into = ?,"
                + " event_time = ? WHERE accession = ?");
    removeMember =
        session.prepare(
            "DELETE FROM "
                + ks
                + "digest_members USING TIMESTAMP ? WHERE digest = ? AND accession = ?");
    readAccession = session.prepare("SELECT * FROM " + ks + "accessions WHERE accession = ?");
    readDigest = session.prepare("SELECT * FROM " + ks + "sequences WHERE digest = ?");
    readIndexState =
        session.prepare(
            "SELECT vector, model_id, searchable, transfer_done FROM "
                + ks
                + "sequences WHERE digest = ?");
    readSummary =
        session.prepare(
            "SELECT digest, model_id, localization, membrane FROM "
                + ks
                + "sequences WHERE digest = ?");
    readMembers = session.prepare("SELECT * FROM " + ks + "digest_members WHERE digest = ?");
    markSearchable =
        session.prepare("UPDATE " + ks + "sequences SET searchable = ? WHERE digest = ?");
    markTransferDone =
        session.prepare("UPDATE " + ks + "sequences SET transfer_done = true WHERE digest = ?");
  }

  @Override
  public int claimDimension(int dimension) {
    if (knownDimension > 0) {
      return knownDimension;
    }
    Row row = session.execute(claimDimension.bind(dimension)).one();
    knownDimension = row.getBoolean("[applied]") ? dimension : row.getInt("dimension");
    return knownDimension;
  }

  @Override
  public OptionalInt dimension() {
    if (knownDimension > 0) {
      return OptionalInt.of(knownDimension);
    }
    Row row = session.execute(readDimension.bind()).one();
    if (row == null || row.isNull("dimension")) {
      return OptionalInt.empty();
    }
    knownDimension = row.getInt("dimension");
    return OptionalInt.of(knownDimension);
  }

  @Override
  public void putEmbedding(ProteinEmbedding embedding, Instant eventTime) {
    execute(
        putEmbedding.bind(
            micros(eventTime),
            embedding.vectorBytes(),
            embedding.modelId(),
            eventTime,
            embedding.digest()));
  }

  @Override
  public void putAnnotations(String digest, PredictedAnnotations a) {
    execute(
        putAnnotations.bind(
            micros(a.createdAt()),
            a.encoderModelId(),
            a.secondaryStructureModelId(),
            a.disorderModelId(),
            a.localizationModelId(),
            a.membraneModelId(),
            a.length(),
            a.dssp3(),
            ByteBuffer.wrap(a.dssp3Probabilities()),
            a.dssp8(),
            ByteBuffer.wrap(a.dssp8Probabilities()),
            a.disorder(),
            ByteBuffer.wrap(a.disorderProbabilities()),
            a.localization(),
            a.localizationProbabilities(),
            a.membrane(),
            a.membraneProbabilities(),
            a.createdAt(),
            digest));
  }

  @Override
  public void putLiveEntry(AccessionEntry e, String sequence) {
    long ts = micros(e.eventTime());
    BoundStatement sequenceRow = putSequence.bind(ts, sequence, e.digest());
    BoundStatement accession =
        putAccession.bind(
            ts,
            e.digest(),
            e.proteinName(),
            e.geneName(),
            e.organism(),
            e.taxonId(),
            e.reviewed(),
            e.release(),
            e.secondaryAccessions(),
            e.eventTime(),
            e.accession());
    BoundStatement member =
        putMember.bind(
            ts,
            e.reviewed(),
            e.taxonId(),
            e.proteinName(),
            e.organism(),
            e.digest(),
            e.accession());
    List<BoundStatement> writes = new ArrayList<>(List.of(sequenceRow, accession, member));
    if (e.curated() != null) {
      // a release without annotations (FASTA) leaves the last known ones in place
      String curated = json(e.curated());
      writes.add(putAccessionCurated.bind(ts, curated, e.accession()));
      writes.add(putMemberCurated.bind(ts, curated, e.digest(), e.accession()));
    }
    executeAll(writes);
  }

  @Override
  public void retireEntry(AccessionEntry e, String previousDigest) {
    long ts = micros(e.eventTime());
    execute(
        retire.bind(
            ts, e.state().name(), e.release(), e.mergedInto(), e.eventTime(), e.accession()));
    if (previousDigest != null) {
      removeMembership(previousDigest, e.accession(), e.eventTime());
    }
  }

  @Override
  public void removeMembership(String digest, String accession, Instant eventTime) {
    execute(removeMember.bind(micros(eventTime), digest, accession));
  }

  @Override
  public Optional<AccessionEntry> accession(String accession) {
    Row r = session.execute(readAccession.bind(accession)).one();
    if (r == null) {
      return Optional.empty();
    }
    return Optional.of(
        new AccessionEntry(
            r.getString("accession"),
            r.getString("digest"),
            r.getString("protein_name"),
            r.getString("gene_name"),
            r.getString("organism"),
            r.isNull("taxon_id") ? null : r.getLong("taxon_id"),
            r.getBoolean("reviewed"),
            r.getString("release"),
            r.getList("secondary", String.class),
            r.isNull("state") ? EntryState.LIVE : EntryState.valueOf(r.getString("state")),
            r.getString("merged_into"),
            curated(r.getString("curated")),
            r.getInstant("event_time")));
  }

  @Override
  public Optional<DigestRecord> digest(String digest) {
    Row r = session.execute(readDigest.bind(digest)).one();
    if (r == null) {
      return Optional.empty();
    }
    return Optional.of(
        new DigestRecord(
            digest,
            r.getString("sequence"),
            vector(r),
            r.getString("model_id"),
            r.isNull("dssp3") ? null : annotations(r)));
  }

  @Override
  public Optional<IndexState> indexState(String digest) {
    Row r = session.execute(readIndexState.bind(digest)).one();
    return r == null
        ? Optional.empty()
        : Optional.of(
            new IndexState(
                vector(r),
                r.getString("model_id"),
                r.getBoolean("searchable"),
                r.getBoolean("transfer_done")));
  }

  /** One concurrent wave of single-partition reads of a few small columns each. */
  @Override
  public Map<String, NeighbourSummary> summaries(Collection<String> digests) {
    Map<String, NeighbourSummary> summaries = new HashMap<>();
    List<BoundStatement> reads = digests.stream().distinct().map(d -> readSummary.bind(d)).toList();
    ParallelReads.run(
        session,
        reads,
        r ->
            summaries.put(
                r.getString("digest"),
                new NeighbourSummary(
                    r.getString("model_id"),
                    r.getString("localization"),
                    r.getString("membrane"))));
    return summaries;
  }

  private static float[] vector(Row r) {
    ByteBuffer vector = r.getByteBuffer("vector");
    return vector == null ? null : ProteinEmbedding.vectorFrom(vector);
  }

  @Override
  public List<Member> liveMembers(String digest) {
    return session.execute(readMembers.bind(digest)).all().stream()
        .map(CassandraProteinStore::member)
        .toList();
  }

  /** One concurrent wave of single-partition reads instead of one round trip per digest. */
  @Override
  public Map<String, List<Member>> liveMembers(Collection<String> digests) {
    Map<String, List<Member>> members = new LinkedHashMap<>();
    List<BoundStatement> reads = new ArrayList<>();
    for (String digest : digests) {
      if (members.putIfAbsent(digest, new ArrayList<>()) == null) {
        reads.add(readMembers.bind(digest));
      }
    }
    ParallelReads.run(session, reads, r -> members.get(r.getString("digest")).add(member(r)));
    members.replaceAll((digest, list) -> List.copyOf(list));
    return members;
  }

  private static Member member(Row r) {
    return new Member(
        r.getString("accession"),
        r.getBoolean("reviewed"),
        r.isNull("taxon_id") ? null : r.getLong("taxon_id"),
        r.getString("protein_name"),
        r.getString("organism"),
        curated(r.getString("curated")));
  }

  @Override
  public void markSearchable(String digest, boolean searchable) {
    execute(markSearchable.bind(searchable, digest));
  }

  @Override
  public void markTransferDone(String digest) {
    execute(markTransferDone.bind(digest));
  }

  private static PredictedAnnotations annotations(Row r) {
    return new PredictedAnnotations(
        r.getString("encoder_model_id"),
        r.getString("secondary_structure_model_id"),
        r.getString("disorder_model_id"),
        r.getString("localization_model_id"),
        r.getString("membrane_model_id"),
        r.getInt("annotated_length"),
        r.getString("dssp3"),
        bytes(r.getByteBuffer("dssp3_p")),
        r.getString("dssp8"),
        bytes(r.getByteBuffer("dssp8_p")),
        r.getString("disorder"),
        bytes(r.getByteBuffer("disorder_p")),
        r.getString("localization"),
        r.getList("localization_p", Float.class),
        r.getString("membrane"),
        r.getList("membrane_p", Float.class),
        r.getInstant("annotated_at"));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return new byte[0];
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private void execute(BoundStatement statement) {
    session.execute(statement.setIdempotent(true));
  }

  /**
   * Independent writes at once, returning when all are done. Each carries the event's time as its
   * write time, so the order they land in changes nothing.
   */
  private void executeAll(List<BoundStatement> statements) {
    CompletableFuture<?>[] pending = new CompletableFuture<?>[statements.size()];
    for (int i = 0; i < pending.length; i++) {
      pending[i] =
          session.executeAsync(statements.get(i).setIdempotent(true)).toCompletableFuture();
    }
    try {
      CompletableFuture.allOf(pending).join();
    } catch (CompletionException e) {
      // the driver's own exception, as the synchronous calls throw it (transient ones are retried)
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Cassandra write time of an event: its time in microseconds. */
  static long micros(Instant time) {
    return Math.addExact(
        Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
  }

  private static String json(CuratedAnnotations curated) {
    try {
      return JSON.writeValueAsString(curated);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CuratedAnnotations curated(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, CuratedAnnotations.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable curated annotations: " + json, e);
    }
  }
}
