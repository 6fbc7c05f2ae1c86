package io.protstream.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The annotations UniProt curators (and UniProt's automatic rules) attach to an entry, as carried
 * on {@code SequenceEvent.curated}: what annotation transfer hands on to uncharacterised
 * neighbours. Lists are in file order without duplicates (the flat file and the XML may order
 * keywords differently) and bounded per entry ({@link #MAX_GO_TERMS}, {@link #MAX_TERMS}), so a
 * hostile entry cannot grow an event without limit.
 *
 * @param goTerms Gene Ontology terms
 * @param ecNumbers Enzyme Commission numbers as UniProt writes them, e.g. {@code 2.7.11.-}
 * @param keywords UniProt keyword names
 * @param subcellularLocations location names as the flat file writes them, e.g. {@code Secreted,
 *     extracellular space}, without topology, orientation or status
 */
public record CuratedAnnotations(
    List<GoTerm> goTerms,
    List<String> ecNumbers,
    List<String> keywords,
    List<String> subcellularLocations) {

  /** Most GO terms kept per entry (well-studied human proteins carry a few hundred). */
  public static final int MAX_GO_TERMS = 1000;

  /** Most EC numbers, keywords or subcellular locations kept per entry. */
  public static final int MAX_TERMS = 200;

  public CuratedAnnotations {
    goTerms = List.copyOf(goTerms);
    ecNumbers = List.copyOf(ecNumbers);
    keywords = List.copyOf(keywords);
    subcellularLocations = List.copyOf(subcellularLocations);
  }

  /** An entry without any of these annotations. */
  public static final CuratedAnnotations NONE =
      new CuratedAnnotations(List.of(), List.of(), List.of(), List.of());

  /**
   * SHA-256 (hex) of the annotations in a canonical text form, independent of their order (the flat
   * file and the XML list keywords in different orders): equal annotations, equal digest. The
   * release ledger keeps it to tell an annotation-only change without keeping the annotations.
   */
  public String digest() {
    StringBuilder text = new StringBuilder(256);
    List<String> terms =
        goTerms.stream()
            .map(t -> t.id() + '|' + t.aspect() + '|' + (t.evidence() == null ? "" : t.evidence()))
            .sorted()
            .toList();
    for (List<String> list : List.of(terms, ecNumbers, keywords, subcellularLocations)) {
      text.append('\u0001');
      for (String value : list.stream().sorted().toList()) {
        text.append(value).append('\n');
      }
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /**
   * One GO annotation.
   *
   * @param id e.g. {@code GO:0005737}
   * @param aspect {@code P} (process), {@code F} (function) or {@code C} (component)
   * @param evidence the GO evidence code, e.g. {@code IDA}; {@code null} when none is given
   */
  public record GoTerm(String id, String aspect, String evidence) {}
}
