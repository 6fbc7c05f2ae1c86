package io.protstream.e2e;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every row of every table of a keyspace, column by column as the SHA-256 of each value's JSON form
 * (blobs in hex, so vectors and probabilities compare bit for bit), keyed by the row's primary key.
 * Timestamp columns say when a row was written, not what it holds, and are left out.
 */
record CassandraSnapshot(String keyspace, Map<String, Map<String, Map<String, String>>> tables) {

  /** How two snapshots differ in one table. */
  record TableDifference(
      String table,
      List<String> onlyHere,
      List<String> onlyThere,
      Map<String, List<String>> rowsByColumn) {

    boolean empty() {
      return onlyHere.isEmpty() && onlyThere.isEmpty() && rowsByColumn.isEmpty();
    }
  }

  static CassandraSnapshot of(CqlSession session, String keyspace) {
    session.refreshSchema();
    KeyspaceMetadata metadata =
        session
            .getMetadata()
            .getKeyspace(keyspace)
            .orElseThrow(() -> new IllegalStateException("no keyspace " + keyspace));
    Map<String, Map<String, Map<String, String>>> tables = new TreeMap<>();
    for (TableMetadata table : metadata.getTables().values()) {
      List<String> columns = new ArrayList<>();
      for (ColumnMetadata column : table.getColumns().values()) {
        if (!column.getType().equals(DataTypes.TIMESTAMP)) {
          columns.add(column.getName().asCql(true));
        }
      }
      List<String> key =
          table.getPrimaryKey().stream()
              .map(ColumnMetadata::getName)
              .map(CqlIdentifier::asInternal)
              .toList();
      Map<String, Map<String, String>> rows = new TreeMap<>();
      String select =
          "SELECT JSON "
              + String.join(", ", columns)
              + " FROM "
              + keyspace
              + "."
              + table.getName().asCql(true);
      for (Row row : session.execute(SimpleStatement.newInstance(select).setPageSize(500))) {
        String json = row.getString(0);
        JsonNode node = parse(json);
        StringBuilder pk = new StringBuilder();
        for (String k : key) {
          pk.append(node.path(k).toString()).append('|');
        }
        Map<String, String> values = new TreeMap<>();
        node.fields()
            .forEachRemaining(f -> values.put(f.getKey(), sha256(f.getValue().toString())));
        rows.put(pk.toString(), values);
      }
      tables.put(table.getName().asInternal(), rows);
    }
    return new CassandraSnapshot(keyspace, tables);
  }

  /** Copies every row of {@code table} from one keyspace to another (the columns as they are). */
  static int copyRows(CqlSession session, String from, String to, String table) {
    int copied = 0;
    for (Row row : session.execute("SELECT JSON * FROM " + from + "." + table)) {
      session.execute(
          SimpleStatement.newInstance(
              "INSERT INTO " + to + "." + table + " JSON ?", row.getString(0)));
      copied++;
    }
    return copied;
  }

  /** How this snapshot differs from {@code other}, table by table; only tables that differ. */
  List<TableDifference> differences(CassandraSnapshot other) {
    List<TableDifference> out = new ArrayList<>();
    java.util.Set<String> names = new java.util.TreeSet<>(tables.keySet());
    names.addAll(other.tables.keySet());
    for (String name : names) {
      Map<String, Map<String, String>> mine = tables.getOrDefault(name, Map.of());
      Map<String, Map<String, String>> theirs = other.tables.getOrDefault(name, Map.of());
      List<String> missing = new ArrayList<>();
      Map<String, List<String>> changed = new TreeMap<>();
      mine.forEach(
          (pk, values) -> {
            Map<String, String> there = theirs.get(pk);
            if (there == null) {
              missing.add(pk);
              return;
            }
            java.util.Set<String> columns = new java.util.TreeSet<>(values.keySet());
            columns.addAll(there.keySet());
            for (String column : columns) {
              if (!java.util.Objects.equals(values.get(column), there.get(column))) {
                changed.computeIfAbsent(column, c -> new ArrayList<>()).add(pk);
              }
            }
          });
      List<String> extra = theirs.keySet().stream().filter(pk -> !mine.containsKey(pk)).toList();
      TableDifference difference = new TableDifference(name, missing, extra, changed);
      if (!difference.empty()) {
        out.add(difference);
      }
    }
    return out;
  }

  int rows(String table) {
    return tables.getOrDefault(table, Map.of()).size();
  }

  private static JsonNode parse(String json) {
    try {
      return ReleaseClient.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cassandra returned JSON that does not parse: " + json, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
