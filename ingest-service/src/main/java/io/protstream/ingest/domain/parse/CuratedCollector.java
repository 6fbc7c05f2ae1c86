package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.CuratedAnnotations;
import io.protstream.ingest.domain.CuratedAnnotations.GoTerm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gathers the curated annotations of the record being read, whatever its format, with the same
 * normalisation for flat file and XML so both formats of one entry yield equal annotations.
 */
final class CuratedCollector {

  private static final Pattern GO_ID = Pattern.compile("GO:\\d{7}");
  private static final Pattern EC_NUMBER = Pattern.compile("[0-9n]+(\\.([0-9n]+|-)){0,3}");
  private static final Pattern GO_EVIDENCE = Pattern.compile("[A-Z]{2,4}");
  private static final Pattern STATUS_SUFFIX =
      Pattern.compile("\\s*\\((Potential|Probable|By similarity)\\)$");

  /**
   * UniProt XML gives GO evidence as ECO identifiers; the GO evidence codes they stand for, as in
   * the GO Consortium's ECO mapping. Identifiers not listed are carried as they are.
   */
  private static final Map<String, String> ECO_TO_GO =
      Map.ofEntries(
          Map.entry("ECO:0000269", "EXP"),
          Map.entry("ECO:0000314", "IDA"),
          Map.entry("ECO:0000353", "IPI"),
          Map.entry("ECO:0000315", "IMP"),
          Map.entry("ECO:0000316", "IGI"),
          Map.entry("ECO:0000270", "IEP"),
          Map.entry("ECO:0000250", "ISS"),
          Map.entry("ECO:0000266", "ISO"),
          Map.entry("ECO:0000247", "ISA"),
          Map.entry("ECO:0000255", "ISM"),
          Map.entry("ECO:0000317", "IGC"),
          Map.entry("ECO:0000318", "IBA"),
          Map.entry("ECO:0000319", "IBD"),
          Map.entry("ECO:0000320", "IKR"),
          Map.entry("ECO:0000321", "IRD"),
          Map.entry("ECO:0000245", "RCA"),
          Map.entry("ECO:0000304", "TAS"),
          Map.entry("ECO:0000303", "NAS"),
          Map.entry("ECO:0000305", "IC"),
          Map.entry("ECO:0000307", "ND"),
          Map.entry("ECO:0000501", "IEA"),
          Map.entry("ECO:0007669", "IEA"),
          Map.entry("ECO:0000256", "IEA"),
          Map.entry("ECO:0000265", "IEA"),
          Map.entry("ECO:0000322", "IEA"),
          Map.entry("ECO:0000323", "IEA"),
          Map.entry("ECO:0007005", "HDA"),
          Map.entry("ECO:0007001", "HMP"),
          Map.entry("ECO:0007003", "HGI"),
          Map.entry("ECO:0007007", "HEP"),
          Map.entry("ECO:0006056", "HTP"));

  private final Map<String, GoTerm> goTerms = new LinkedHashMap<>();
  private final Set<String> ecNumbers = new LinkedHashSet<>();
  private final Set<String> keywords = new LinkedHashSet<>();
  private final Set<String> locations = new LinkedHashSet<>();

  void reset() {
    goTerms.clear();
    ecNumbers.clear();
    keywords.clear();
    locations.clear();
  }

  /**
   * A GO term. {@code term} is the aspect-prefixed name ({@code C:cytoplasm}); {@code evidence} the
   * evidence as the file gives it ({@code IDA:UniProtKB} or {@code ECO:0000314}).
   */
  void goTerm(String id, String term, String evidence) {
    if (id == null || !GO_ID.matcher(id.trim()).matches() || term == null) {
      return;
    }
    String t = term.trim();
    if (t.length() < 2 || t.charAt(1) != ':' || "PFC".indexOf(t.charAt(0)) < 0) {
      return;
    }
    if (goTerms.size() < CuratedAnnotations.MAX_GO_TERMS) {
      goTerms.putIfAbsent(
          id.trim(), new GoTerm(id.trim(), String.valueOf(t.charAt(0)), evidenceCode(evidence)));
    }
  }

  void ecNumber(String value) {
    String ec = withoutEvidence(value);
    if (EC_NUMBER.matcher(ec).matches()) {
      add(ecNumbers, ec);
    }
  }

  void keyword(String value) {
    String keyword = withoutEvidence(value);
    if (keyword.endsWith(".")) {
      keyword = keyword.substring(0, keyword.length() - 1).trim();
    }
    if (!keyword.isEmpty()) {
      add(keywords, keyword);
    }
  }

  /** A location as the flat file writes it, e.g. {@code Secreted, extracellular space}. */
  void location(String value) {
    String location = STATUS_SUFFIX.matcher(withoutEvidence(value)).replaceFirst("").trim();
    if (!location.isEmpty() && location.length() <= 200) {
      add(locations, location);
    }
  }

  /**
   * The location statements of a flat-file {@code SUBCELLULAR LOCATION} topic: {@code Location[,
   * sublocation]; topology; orientation.} statements, then an optional {@code Note=}.
   */
  void locationTopic(String text) {
    String body = text;
    int note = body.indexOf("Note=");
    if (note >= 0) {
      body = body.substring(0, note);
    }
    body = body.replaceAll("\\{[^}]*\\}", "");
    // an isoform-specific topic starts "[Isoform 2]:" (older files: "Isoform 2:")
    body = body.replaceFirst("^\\s*\\[?Isoform [^:]*\\]?:", "");
    for (String statement : body.split("\\.(\\s|$)")) {
      int semicolon = statement.indexOf(';');
      location(semicolon >= 0 ? statement.substring(0, semicolon) : statement);
    }
  }

  /** Whether anything was collected. */
  boolean isEmpty() {
    return goTerms.isEmpty() && ecNumbers.isEmpty() && keywords.isEmpty() && locations.isEmpty();
  }

  CuratedAnnotations annotations() {
    return new CuratedAnnotations(
        new ArrayList<>(goTerms.values()),
        new ArrayList<>(ecNumbers),
        new ArrayList<>(keywords),
        new ArrayList<>(locations));
  }

  private static void add(Set<String> target, String value) {
    if (target.size() < CuratedAnnotations.MAX_TERMS) {
      target.add(value);
    }
  }

  /** {@code IDA:MGI} gives {@code IDA}; an ECO identifier its GO code, else itself. */
  static String evidenceCode(String evidence) {
    if (evidence == null || evidence.isBlank()) {
      return null;
    }
    String e = evidence.trim();
    if (e.startsWith("ECO:")) {
      String eco = e.length() > 11 ? e.substring(0, 11) : e;
      return ECO_TO_GO.getOrDefault(eco, eco);
    }
    int colon = e.indexOf(':');
    String code = colon >= 0 ? e.substring(0, colon) : e;
    return GO_EVIDENCE.matcher(code).matches() ? code : null;
  }

  /**
   * Strips evidence tags such as {@code {ECO:0000313|EMBL:BAN04711.1}} and a trailing {@code ;}.
   */
  private static String withoutEvidence(String value) {
    String v = value.trim();
    if (v.endsWith(";")) {
      v = v.substring(0, v.length() - 1);
    }
    int evidence = v.indexOf('{');
    return (evidence >= 0 ? v.substring(0, evidence) : v).trim();
  }
}
