package io.protstream.index.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A validated similarity search: exactly one of accession, sequence and vector, with k, the method,
 * the metric and the filters. {@link #parse} refuses anything else with a message that says what to
 * fix.
 *
 * @param taxonId only neighbours of this NCBI taxon (exact match), or null
 */
public record SearchRequest(
    String accession,
    String sequence,
    float[] vector,
    int k,
    IndexMethod method,
    Metric metric,
    boolean reviewedOnly,
    Long taxonId) {

  public static final Set<String> FIELDS =
      Set.of("accession", "sequence", "vector", "k", "method", "metric", "reviewedOnly", "taxon");

  /**
   * Validates a JSON body as a generic map (strings, booleans, numbers, lists).
   *
   * @param dimension width of the indexed vectors, or 0 when none is indexed yet
   */
  public static SearchRequest parse(Map<String, Object> body, SearchLimits limits, int dimension) {
    for (String field : body.keySet()) {
      if (!FIELDS.contains(field)) {
        throw SearchException.invalid(
            "unknown field '" + field + "'; the fields are " + String.join(", ", sorted()));
      }
    }
    int kinds = 0;
    for (String kind : List.of("accession", "sequence", "vector")) {
      if (body.get(kind) != null) {
        kinds++;
      }
    }
    if (kinds != 1) {
      throw SearchException.invalid(
          "give exactly one of accession, sequence or vector; this request has " + kinds);
    }
    String accession = null;
    String sequence = null;
    float[] vector = null;
    if (body.get("accession") != null) {
      accession = string(body, "accession").strip();
      if (!Accessions.isValid(accession)) {
        throw SearchException.invalid(
            "accession: '" + accession + "' is not a UniProtKB accession (e.g. P69905)");
      }
    } else if (body.get("sequence") != null) {
      sequence = QuerySequence.parse(string(body, "sequence"), limits.maxSequenceLength());
    } else {
      vector = vector(body.get("vector"), dimension);
    }
    int k = limits.defaultK();
    if (body.get("k") != null) {
      Object value = body.get("k");
      if (!(value instanceof Integer || value instanceof Long)) {
        throw SearchException.invalid("k: must be a whole number from 1 to " + limits.maxK());
      }
      long asked = ((Number) value).longValue();
      if (asked < 1 || asked > limits.maxK()) {
        throw SearchException.invalid(
            "k: " + asked + " is out of range; use 1 to " + limits.maxK());
      }
      k = (int) asked;
    }
    IndexMethod method =
        choice(body, "method", IndexMethod.LSH, IndexMethod.values(), IndexMethod::wireName);
    Metric metric = choice(body, "metric", Metric.EUCLIDEAN, Metric.values(), Metric::wireName);
    boolean reviewedOnly = false;
    if (body.get("reviewedOnly") != null) {
      if (!(body.get("reviewedOnly") instanceof Boolean b)) {
        throw SearchException.invalid("reviewedOnly: must be true or false");
      }
      reviewedOnly = b;
    }
    Long taxon = null;
    if (body.get("taxon") != null) {
      Object value = body.get("taxon");
      if (!(value instanceof Integer || value instanceof Long)
          || ((Number) value).longValue() < 1) {
        throw SearchException.invalid("taxon: must be a positive NCBI taxonomy identifier");
      }
      taxon = ((Number) value).longValue();
    }
    return new SearchRequest(accession, sequence, vector, k, method, metric, reviewedOnly, taxon);
  }

  private static List<String> sorted() {
    return FIELDS.stream().sorted().toList();
  }

  private static String string(Map<String, Object> body, String field) {
    if (!(body.get(field) instanceof String s)) {
      throw SearchException.invalid(field + ": must be a string");
    }
    return s;
  }

  private static float[] vector(Object value, int dimension) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw SearchException.invalid("vector: must be a non-empty array of numbers");
    }
    if (dimension > 0 && list.size() != dimension) {
      throw SearchException.invalid(
          "vector: has " + list.size() + " values, the index holds vectors of " + dimension);
    }
    float[] vector = new float[list.size()];
    for (int i = 0; i < vector.length; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw SearchException.invalid("vector: element " + i + " is not a number");
      }
      float f = n.floatValue();
      if (!Float.isFinite(f)) {
        throw SearchException.invalid(
            "vector: element " + i + " is " + n + "; every value must be a finite number");
      }
      vector[i] = f;
    }
    return vector;
  }

  private static <E> E choice(
      Map<String, Object> body,
      String field,
      E fallback,
      E[] values,
      java.util.function.Function<E, String> name) {
    Object value = body.get(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String s) {
      for (E e : values) {
        if (name.apply(e).equals(s.toLowerCase(Locale.ROOT))) {
          return e;
        }
      }
    }
    List<String> names = java.util.Arrays.stream(values).map(name).toList();
    throw SearchException.invalid(
        field + ": '" + value + "' is not one of " + String.join(", ", names));
  }
}
