package io.protstream.examples.mirror;

import io.protstream.events.AnnotationEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The downstream database: one row per accession with the latest annotations of its sequence, and
 * the Kafka position up to which they are applied. Rows and positions change in one database
 * transaction, so after a crash the table and the position always agree: the consumer resumes
 * exactly where the table stands, and a replay from the start rewrites the same rows.
 */
final class MirrorTable implements AutoCloseable {

  /** One accession's mirrored annotations. */
  record Row(
      String accession,
      String digest,
      int length,
      String dssp3,
      String dssp8,
      String disorder,
      String localization,
      String membrane,
      String encoderModelId,
      long createdAtMillis) {}

  /**
   * One consumed record to apply: an annotation event, a tombstone (event and reject reason null)
   * or an unreadable record (reject reason set).
   */
  record Change(
      int partition, long offset, String digest, AnnotationEvent event, String rejectReason) {}

  private final Connection db;

  MirrorTable(Path file) throws SQLException {
    db = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath(), "sa", "");
    db.setAutoCommit(false);
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS annotations ("
              + " accession VARCHAR(16) PRIMARY KEY, digest VARCHAR(64) NOT NULL,"
              + " length INT NOT NULL, dssp3 CLOB, dssp8 CLOB, disorder CLOB,"
              + " localization VARCHAR(64), membrane VARCHAR(16), encoder_model VARCHAR(128),"
              + " created_at BIGINT NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS annotations_digest ON annotations(digest)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS positions ("
              + " topic VARCHAR(249), part INT, next_offset BIGINT NOT NULL,"
              + " PRIMARY KEY (topic, part))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS rejected ("
              + " topic VARCHAR(249), part INT, record_offset BIGINT, reason VARCHAR(1000),"
              + " PRIMARY KEY (topic, part, record_offset))");
    }
    db.commit();
  }

  /** Where to resume each partition of {@code topic}: the next offset not yet applied. */
  Map<Integer, Long> positions(String topic) throws SQLException {
    Map<Integer, Long> out = new HashMap<>();
    try (PreparedStatement q =
        db.prepareStatement("SELECT part, next_offset FROM positions WHERE topic = ?")) {
      q.setString(1, topic);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /**
   * Applies changes read from one poll and moves the positions, atomically.
   *
   * @param changes in offset order within each partition
   * @param next the next offset of every partition the changes came from
   */
  void apply(String topic, List<Change> changes, Map<Integer, Long> next) throws SQLException {
    try {
      for (Change c : changes) {
        if (c.rejectReason() != null) {
          reject(topic, c);
        } else if (c.event() == null) {
          deleteDigest(c.digest());
        } else {
          upsert(c.event());
        }
      }
      for (Map.Entry<Integer, Long> p : next.entrySet()) {
        try (PreparedStatement m =
            db.prepareStatement(
                "MERGE INTO positions (topic, part, next_offset) KEY (topic, part) VALUES (?, ?, ?)")) {
          m.setString(1, topic);
          m.setInt(2, p.getKey());
          m.setLong(3, p.getValue());
          m.executeUpdate();
        }
      }
      db.commit();
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    }
  }

  /**
   * Keeps the newest annotations per accession: an accession whose sequence changed gets a new
   * digest on another partition, so events of one accession can arrive out of order; creation time
   * decides, and a replay in any order ends in the same rows.
   */
  private void upsert(AnnotationEvent e) throws SQLException {
    for (CharSequence accession : e.getAccessions()) {
      try (PreparedStatement m =
          db.prepareStatement(
              "MERGE INTO annotations t USING (VALUES (CAST(? AS VARCHAR(16)))) s(accession)"
                  + " ON t.accession = s.accession"
                  + " WHEN MATCHED AND t.created_at <= ? THEN UPDATE SET digest = ?, length = ?,"
                  + " dssp3 = ?, dssp8 = ?, disorder = ?, localization = ?, membrane = ?,"
                  + " encoder_model = ?, created_at = ?"
                  + " WHEN NOT MATCHED THEN INSERT (accession, digest, length, dssp3, dssp8,"
                  + " disorder, localization, membrane, encoder_model, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        long created = e.getCreatedAt().toEpochMilli();
        Object[] values = {
          e.getSequenceDigest().toString(),
          e.getLength(),
          e.getDssp3().toString(),
          e.getDssp8().toString(),
          e.getDisorder().toString(),
          e.getLocalization().toString(),
          e.getMembrane() == null ? null : e.getMembrane().toString(),
          e.getEncoderModelId().toString(),
          created
        };
        int k = 1;
        m.setString(k++, accession.toString());
        m.setLong(k++, created);
        for (Object v : values) {
          m.setObject(k++, v);
        }
        m.setString(k++, accession.toString());
        for (Object v : values) {
          m.setObject(k++, v);
        }
        m.executeUpdate();
      }
    }
  }

  /** A tombstone on the compacted topic: the sequence's annotations are withdrawn. */
  private void deleteDigest(String digest) throws SQLException {
    try (PreparedStatement d = db.prepareStatement("DELETE FROM annotations WHERE digest = ?")) {
      d.setString(1, digest);
      d.executeUpdate();
    }
  }

  private void reject(String topic, Change c) throws SQLException {
    String reason = c.rejectReason();
    try (PreparedStatement m =
        db.prepareStatement(
            "MERGE INTO rejected (topic, part, record_offset, reason)"
                + " KEY (topic, part, record_offset) VALUES (?, ?, ?, ?)")) {
      m.setString(1, topic);
      m.setInt(2, c.partition());
      m.setLong(3, c.offset());
      m.setString(4, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
      m.executeUpdate();
    }
  }

  /** Every row, by accession. */
  List<Row> rows() throws SQLException {
    List<Row> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT accession, digest, length, dssp3, dssp8, disorder, localization, membrane,"
                    + " encoder_model, created_at FROM annotations ORDER BY accession")) {
      while (rs.next()) {
        out.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getLong(10)));
      }
    }
    return out;
  }

  /** Records that could not be read, as {@code partition:offset reason}. */
  List<String> rejected() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT part, record_offset, reason FROM rejected ORDER BY part, record_offset")) {
      while (rs.next()) {
        out.add(rs.getInt(1) + ":" + rs.getLong(2) + " " + rs.getString(3));
      }
    }
    return out;
  }

  /** Forgets the positions, so the next start replays the topic from the beginning. */
  void forgetPositions() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.executeUpdate("DELETE FROM positions");
    }
    db.commit();
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
