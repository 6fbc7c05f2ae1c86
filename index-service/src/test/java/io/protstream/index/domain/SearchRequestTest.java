package io.protstream.index.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchRequestTest {

  private static final SearchLimits LIMITS = new SearchLimits(10, 1000, 50);

  @Test
  void defaultsAndFastaInput() {
    SearchRequest r =
        SearchRequest.parse(Map.of("sequence", ">sp|P1|X some protein\nmkv lst\nAC\n"), LIMITS, 4);
    assertEquals("MKVLSTAC", r.sequence());
    assertEquals(10, r.k());
    assertEquals(IndexMethod.LSH, r.method());
    assertEquals(Metric.EUCLIDEAN, r.metric());
  }

  @Test
  void eachBadRequestSaysWhatToFix() {
    assertInvalid(Map.of("accession", "P69905", "size", 3), "unknown field 'size'");
    assertInvalid(Map.of("accession", "P69905", "sequence", "MK"), "exactly one of");
    assertInvalid(Map.of("k", 3), "exactly one of");
    assertInvalid(Map.of("accession", "P69905", "k", 0), "k: 0 is out of range");
    assertInvalid(Map.of("accession", "P69905", "k", 1001), "k: 1001 is out of range");
    assertInvalid(
        Map.of("vector", List.of(1.0, 2.0)), "has 2 values, the index holds vectors of 4");
    assertInvalid(Map.of("vector", List.of(1.0, Double.NaN, 1.0, 1.0)), "element 1 is NaN");
    assertInvalid(Map.of("sequence", "MKJ"), "invalid residue 'J' at position 3");
    assertInvalid(
        Map.of("sequence", "M".repeat(51)), "51 residues, the most a search accepts is 50");
    assertInvalid(Map.of("sequence", ">a\nMK\n>b\nMK"), "more than one record");
    assertInvalid(Map.of("accession", "not an accession"), "is not a UniProtKB accession");
    assertInvalid(Map.of("accession", "P69905", "method", "hnsw"), "method: 'hnsw' is not one of");
  }

  private static void assertInvalid(Map<String, Object> body, String message) {
    SearchException e =
        assertThrows(
            SearchException.class, () -> SearchRequest.parse(new HashMap<>(body), LIMITS, 4));
    assertEquals(SearchException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
