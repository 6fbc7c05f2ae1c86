package io.protstream.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.protstream.schemas.AnnotationClasses;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far apart two runs' stored numbers are where they are not bit-identical: per column of the
 * index's {@code sequences} table, the largest absolute difference and the largest value, over the
 * digests given. Label columns count the residues (or proteins) whose label differs, and of them
 * those where the two labels' probabilities do not tie within the stored resolution (a label flip
 * at a tie is what a last-bit difference can cause; anything else is a real difference).
 */
final class StoredDrift {

  /** The numbers of one column over the compared rows. */
  record Column(
      String name, int rows, double maxAbs, double largest, long labelsDiffering, long notNearTie) {
    double relative() {
      return largest == 0 ? maxAbs : maxAbs / largest;
    }
  }

  static final List<String> VECTORS = List.of("vector");
  static final List<String> QUANTIZED = List.of("dssp3_p", "dssp8_p", "disorder_p");
  static final List<String> FLOAT_LISTS = List.of("localization_p", "membrane_p");
  static final List<String> LABELS =
      List.of("dssp3", "dssp8", "disorder", "localization", "membrane");

  private StoredDrift() {}

  static Map<String, Column> of(
      CqlSession session, String keyspaceA, String keyspaceB, Collection<String> digests) {
    Map<String, double[]> drift = new TreeMap<>(); // rows, maxAbs, largest, labels, not near tie
    for (String digest : digests) {
      Row a = row(session, keyspaceA, digest);
      Row b = row(session, keyspaceB, digest);
      if (a == null || b == null) {
        continue;
      }
      for (String column : VECTORS) {
        compare(drift, column, floats(a.getByteBuffer(column)), floats(b.getByteBuffer(column)));
      }
      for (String column : QUANTIZED) {
        compare(drift, column, bytes(a.getByteBuffer(column)), bytes(b.getByteBuffer(column)));
      }
      for (String column : FLOAT_LISTS) {
        compare(
            drift,
            column,
            list(a.getList(column, Float.class)),
            list(b.getList(column, Float.class)));
      }
      for (String column : LABELS) {
        String x = a.getString(column);
        String y = b.getString(column);
        double[] d = drift.computeIfAbsent(column, c -> new double[5]);
        if (java.util.Objects.equals(x, y)) {
          continue;
        }
        d[0]++;
        boolean perResidue = !FLOAT_LISTS.contains(column + "_p");
        if (x == null || y == null || (perResidue && x.length() != y.length())) {
          d[3]++;
          d[4]++;
          continue;
        }
        if (!perResidue) {
          // one label per protein: the two classes' probabilities must (nearly) tie in both runs
          List<String> classes =
              column.equals("localization")
                  ? AnnotationClasses.LOCALIZATION
                  : AnnotationClasses.MEMBRANE;
          d[3]++;
          if (!tie(a.getList(column + "_p", Float.class), classes, x, y, 1e-4)
              || !tie(b.getList(column + "_p", Float.class), classes, x, y, 1e-4)) {
            d[4]++;
          }
          continue;
        }
        String classes =
            switch (column) {
              case "dssp3" -> AnnotationClasses.DSSP3;
              case "dssp8" -> AnnotationClasses.DSSP8;
              default -> AnnotationClasses.DISORDER;
            };
        double[] pa = bytes(a.getByteBuffer(column + "_p"));
        double[] pb = bytes(b.getByteBuffer(column + "_p"));
        int width = classes.length();
        for (int i = 0; i < x.length(); i++) {
          if (x.charAt(i) == y.charAt(i)) {
            continue;
          }
          d[3]++;
          int ca = classes.indexOf(x.charAt(i));
          int cb = classes.indexOf(y.charAt(i));
          double step = 1 / 255.0 + 1e-9;
          if (ca < 0
              || cb < 0
              || Math.abs(pa[i * width + ca] - pa[i * width + cb]) > step
              || Math.abs(pb[i * width + ca] - pb[i * width + cb]) > step) {
            d[4]++;
          }
        }
      }
    }
    Map<String, Column> out = new TreeMap<>();
    drift.forEach(
        (column, d) ->
            out.put(column, new Column(column, (int) d[0], d[1], d[2], (long) d[3], (long) d[4])));
    return out;
  }

  private static void compare(Map<String, double[]> drift, String column, double[] x, double[] y) {
    double[] d = drift.computeIfAbsent(column, c -> new double[5]);
    if (x == null || y == null || x.length != y.length) {
      if (x != y) {
        d[0]++;
        d[1] = Double.POSITIVE_INFINITY;
      }
      return;
    }
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      worst = Math.max(worst, Math.abs(x[i] - y[i]));
      d[2] = Math.max(d[2], Math.abs(x[i]));
    }
    if (worst > 0) {
      d[0]++;
    }
    d[1] = Math.max(d[1], worst);
  }

  /** Whether the two labels' probabilities are within {@code tolerance} of each other. */
  private static boolean tie(
      List<Float> p, List<String> classes, String x, String y, double tolerance) {
    int ca = classes.indexOf(x);
    int cb = classes.indexOf(y);
    return p != null
        && ca >= 0
        && cb >= 0
        && ca < p.size()
        && cb < p.size()
        && Math.abs(p.get(ca) - p.get(cb)) <= tolerance;
  }

  private static Row row(CqlSession session, String keyspace, String digest) {
    return session
        .execute(
            "SELECT vector, dssp3_p, dssp8_p, disorder_p, localization_p, membrane_p, dssp3, dssp8,"
                + " disorder, localization, membrane FROM "
                + keyspace
                + ".sequences WHERE digest = ?",
            digest)
        .one();
  }

  private static double[] floats(ByteBuffer bytes) {
    if (bytes == null) {
      return null;
    }
    ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[le.remaining() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = le.getFloat();
    }
    return out;
  }

  /** Probabilities on the 1/255 scale of {@code ProbabilityBytes}. */
  private static double[] bytes(ByteBuffer bytes) {
    if (bytes == null) {
      return null;
    }
    ByteBuffer b = bytes.duplicate();
    double[] out = new double[b.remaining()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (b.get() & 0xFF) / 255.0;
    }
    return out;
  }

  private static double[] list(List<Float> values) {
    if (values == null) {
      return null;
    }
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  static List<String> digestsOf(Collection<String> primaryKeys) {
    List<String> digests = new ArrayList<>();
    for (String pk : primaryKeys) {
      String[] parts = pk.split("\\|");
      digests.add(parts[parts.length - 1].replace("\"", ""));
    }
    return digests;
  }
}
