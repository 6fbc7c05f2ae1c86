package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.RejectReason;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the UniProtKB flat file ({@code .dat}): records from an {@code ID} line to a {@code //}
 * line, with two-letter line codes. Only ID, AC, DT, DE, GN, OS, OX, SQ and the sequence lines are
 * decoded, plus the curated annotations: GO cross-references ({@code DR GO;}), keywords ({@code
 * KW}), EC numbers ({@code DE ... EC=}) and the {@code SUBCELLULAR LOCATION} comment. The other
 * lines (references, other comments and cross-references, features) are recognised by their code
 * and skipped without decoding, which is most of the bytes.
 *
 * <p>Recovery: after a defect the parser skips to the record's {@code //}. An {@code ID} line
 * inside a record means the previous record lost its terminator; it is rejected as truncated and
 * the new record is read normally.
 */
final class FlatFileParser {

  private static final Pattern ID_LINE =
      Pattern.compile(
          "ID   (\\S+)\\s+(Reviewed|Unreviewed|STANDARD|PRELIMINARY);(?:\\s+PRT;)?\\s+(\\d+) AA\\.\\s*");
  private static final Pattern SQ_LINE =
      Pattern.compile("SQ   SEQUENCE\\s+(\\d+) AA;\\s+(\\d+) MW;\\s+(\\S+) CRC64;\\s*");
  private static final Pattern DT_LINE =
      Pattern.compile("DT   (\\d{2}-[A-Za-z]{3}-\\d{4}), (.*?)\\.?\\s*");
  private static final Pattern VERSION = Pattern.compile("(sequence|entry) version (\\d+)");
  private static final Pattern GENE_NAME = Pattern.compile("Name=(.+?)(?: \\{[^}]*\\})?;(?: |$)");
  private static final Pattern TAX_ID = Pattern.compile("NCBI_TaxID=(\\d+)");
  private static final Pattern EC = Pattern.compile("EC=([^;{\\s]+)");
  private static final String LOCATION_TOPIC = "-!- SUBCELLULAR LOCATION:";

  /** Longest keyword or subcellular-location text kept per record; the rest is dropped. */
  private static final int MAX_ANNOTATION_TEXT = 16 << 10;

  private static final DateTimeFormatter DATE =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("dd-MMM-yyyy")
          .toFormatter(Locale.ENGLISH);

  /**
   * Line codes that may appear in a UniProtKB record and carry nothing this parser needs. Their
   * content is not looked at: the entry's own fields are validated, and the sequence is guarded by
   * its CRC64.
   */
  private static final boolean[] SKIPPED_CODES =
      codes("OG", "OC", "OH", "RN", "RP", "RC", "RX", "RG", "RA", "RT", "RL", "PE", "FT", "**");

  private static boolean[] codes(String... codes) {
    boolean[] table = new boolean[1 << 16];
    for (String code : codes) {
      table[code.charAt(0) << 8 | code.charAt(1)] = true;
    }
    return table;
  }

  private enum State {
    BETWEEN_RECORDS,
    IN_RECORD,
    SKIPPING
  }

  private final ParseContext context;
  private final EntryDraft draft;
  private State state = State.BETWEEN_RECORDS;
  private boolean inSequence;
  private final StringBuilder organism = new StringBuilder();
  private final StringBuilder keywords = new StringBuilder();
  private final StringBuilder locationTopic = new StringBuilder();
  private boolean inLocationTopic;

  FlatFileParser(ParseContext context) {
    this.context = context;
    this.draft = new EntryDraft(context.options.maxSequenceLength());
  }

  void parse(LineSource lines) throws IOException {
    while (lines.next()) {
      if (lines.startsWith("//")) {
        terminator(lines);
      } else if (lines.startsWith("ID   ")) {
        if (state == State.IN_RECORD) {
          draft.fail(RejectReason.TRUNCATED, "record ends without a // line");
          finish();
        }
        startRecord(lines);
      } else if (state == State.IN_RECORD) {
        recordLine(lines);
      } else if (state == State.BETWEEN_RECORDS && !lines.isBlank()) {
        context.rejectLine(
            context.at(lines.lineNumber(), lines.offset()),
            RejectReason.MALFORMED_RECORD,
            "line outside a record: " + FastaParser.clip(printable(lines)),
            lines);
        state = State.SKIPPING;
      }
    }
    boolean wasOpen = state == State.IN_RECORD;
    if (wasOpen) {
      String message =
          lines.fault() != null
              ? "input ends inside this record: " + lines.fault().getMessage()
              : "input ends inside this record";
      draft.fail(
          lines.fault() != null ? ParseContext.faultReason(lines.fault()) : RejectReason.TRUNCATED,
          message);
      finish();
      context.markIncomplete();
    }
    if (lines.fault() != null) {
      context.reportFault(lines.fault(), context.at(lines.lineNumber(), lines.consumed()), wasOpen);
    }
  }

  private void terminator(LineSource lines) {
    switch (state) {
      case IN_RECORD -> {
        draft.raw.appendLine(lines.bytes(), lines.length());
        finish();
      }
      case SKIPPING -> state = State.BETWEEN_RECORDS;
      case BETWEEN_RECORDS ->
          context.rejectLine(
              context.at(lines.lineNumber(), lines.offset()),
              RejectReason.MALFORMED_RECORD,
              "// line without a record",
              lines);
    }
  }

  private void startRecord(LineSource lines) {
    state = State.IN_RECORD;
    inSequence = false;
    organism.setLength(0);
    keywords.setLength(0);
    locationTopic.setLength(0);
    inLocationTopic = false;
    draft.start(context.at(lines.lineNumber(), lines.offset()));
    draft.annotated = true;
    draft.raw.appendLine(lines.bytes(), lines.length());
    String text = lines.text();
    Matcher id = ID_LINE.matcher(text);
    if (lines.isCut() || !id.matches()) {
      draft.fail(
          RejectReason.MALFORMED_HEADER,
          "not a UniProtKB ID line: " + FastaParser.clip(printable(lines)));
      return;
    }
    draft.entryName = id.group(1);
    draft.reviewed = id.group(2).equals("Reviewed") || id.group(2).equals("STANDARD");
    draft.declaredLength = Integer.parseInt(id.group(3));
  }

  private void finish() {
    if (organism.length() > 0) {
      draft.organismName = scientificName(organism.toString());
    }
    for (String keyword : keywords.toString().split(";")) {
      draft.curated.keyword(keyword);
    }
    endLocationTopic();
    EntryValidator.emit(draft, context);
    state = State.BETWEEN_RECORDS;
  }

  private void recordLine(LineSource lines) {
    draft.raw.appendLine(lines.bytes(), lines.length());
    if (draft.failed()) {
      return;
    }
    if (lines.isCut()) {
      draft.fail(RejectReason.MALFORMED_RECORD, "line " + lines.lineNumber() + " is too long");
      return;
    }
    byte[] bytes = lines.bytes();
    int length = lines.length();
    if (inSequence) {
      if (length >= 5 && bytes[0] == ' ' && bytes[4] == ' ') {
        draft.sequence.append(bytes, 5, length - 5);
      } else if (length > 0) {
        draft.fail(
            RejectReason.MALFORMED_RECORD,
            "line "
                + lines.lineNumber()
                + " inside the sequence: "
                + FastaParser.clip(printable(lines)));
      }
      return;
    }
    if (length < 2 || (length < 5 && length != 2) || (length >= 5 && !isCodeSeparator(bytes))) {
      if (length == 0) {
        return;
      }
      draft.fail(
          RejectReason.MALFORMED_RECORD,
          "line "
              + lines.lineNumber()
              + " is not a flat-file line: "
              + FastaParser.clip(printable(lines)));
      return;
    }
    char c0 = (char) bytes[0];
    char c1 = (char) bytes[1];
    switch (c0) {
      case 'A' -> {
        if (c1 == 'C') {
          accessionLine(lines.text(5));
          return;
        }
      }
      case 'D' -> {
        if (c1 == 'T') {
          dateLine(lines);
          return;
        }
        if (c1 == 'E') {
          descriptionLine(lines.text(5));
          return;
        }
        if (c1 == 'R') {
          crossReferenceLine(lines.text(5));
          return;
        }
      }
      case 'C' -> {
        if (c1 == 'C') {
          commentLine(lines.text(5));
          return;
        }
      }
      case 'K' -> {
        if (c1 == 'W') {
          append(keywords, lines.text(5));
          return;
        }
      }
      case 'G' -> {
        if (c1 == 'N') {
          geneLine(lines.text(5));
          return;
        }
      }
      case 'O' -> {
        if (c1 == 'S') {
          if (organism.length() > 0) {
            organism.append(' ');
          }
          organism.append(lines.text(5).trim());
          return;
        }
        if (c1 == 'X') {
          taxonomyLine(lines.text(5));
          return;
        }
      }
      case 'S' -> {
        if (c1 == 'Q') {
          sequenceHeader(lines);
          return;
        }
      }
      default -> {
        // checked against the skipped codes below
      }
    }
    if (SKIPPED_CODES[(bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF)]) {
      return;
    }
    draft.fail(
        RejectReason.MALFORMED_RECORD,
        "line "
            + lines.lineNumber()
            + " has an unknown line code: "
            + FastaParser.clip(printable(lines)));
  }

  private static boolean isCodeSeparator(byte[] bytes) {
    return bytes[2] == ' ' && bytes[3] == ' ' && bytes[4] == ' '
        || bytes[0] == '*' && bytes[1] == '*';
  }

  private void accessionLine(String text) {
    for (String token : text.split(";")) {
      String accession = token.trim();
      if (!accession.isEmpty()) {
        draft.accessions.add(accession);
      }
    }
  }

  private void dateLine(LineSource lines) {
    Matcher dt = DT_LINE.matcher(lines.text());
    if (!dt.matches()) {
      // Dates and versions are annotation; a DT line in another layout (releases before 2008
      // wrote "(Rel. 08, Created)") leaves them unset rather than losing the entry.
      return;
    }
    LocalDate date = date(dt.group(1));
    String event = dt.group(2);
    Matcher version = VERSION.matcher(event);
    if (version.find()) {
      int number = Integer.parseInt(version.group(2));
      if (version.group(1).equals("sequence")) {
        draft.sequenceVersion = number;
      } else {
        draft.entryVersion = number;
        draft.modified = date;
      }
    } else if (event.startsWith("integrated into")) {
      draft.created = date;
    }
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Keeps the first top-level {@code RecName: Full=} (or {@code SubName: Full=} for TrEMBL) and
   * every {@code EC=} number.
   */
  private void descriptionLine(String text) {
    Matcher ec = EC.matcher(text);
    while (ec.find()) {
      draft.curated.ecNumber(ec.group(1));
    }
    if (draft.proteinName != null) {
      return;
    }
    if (text.startsWith("RecName: Full=") || text.startsWith("SubName: Full=")) {
      draft.proteinName = withoutEvidence(text.substring("RecName: Full=".length()));
    }
  }

  /** {@code GO; GO:0005737; C:cytoplasm; IDA:UniProtKB.}; other databases are skipped. */
  private void crossReferenceLine(String text) {
    if (!text.startsWith("GO; ")) {
      return;
    }
    String body = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    int idEnd = body.indexOf(';', 4);
    int evidenceStart = body.lastIndexOf("; ");
    if (idEnd < 0 || evidenceStart <= idEnd) {
      return;
    }
    draft.curated.goTerm(
        body.substring(4, idEnd).trim(),
        body.substring(idEnd + 1, evidenceStart).trim(),
        body.substring(evidenceStart + 2).trim());
  }

  /** Collects the {@code SUBCELLULAR LOCATION} topic, which runs until the next topic. */
  private void commentLine(String text) {
    if (text.startsWith("-!-") || text.startsWith("---")) {
      endLocationTopic();
      if (text.startsWith(LOCATION_TOPIC)) {
        inLocationTopic = true;
        append(locationTopic, text.substring(LOCATION_TOPIC.length()));
      }
    } else if (inLocationTopic) {
      append(locationTopic, text);
    }
  }

  private void endLocationTopic() {
    if (inLocationTopic) {
      draft.curated.locationTopic(locationTopic.toString());
      locationTopic.setLength(0);
      inLocationTopic = false;
    }
  }

  private static void append(StringBuilder text, String line) {
    if (text.length() + line.length() < MAX_ANNOTATION_TEXT) {
      text.append(' ').append(line.trim());
    }
  }

  private void geneLine(String text) {
    if (draft.geneName != null) {
      return;
    }
    Matcher name = GENE_NAME.matcher(text);
    if (name.find()) {
      draft.geneName = name.group(1);
    }
  }

  private void taxonomyLine(String text) {
    Matcher taxId = TAX_ID.matcher(text);
    if (taxId.find()) {
      try {
        draft.taxId = Integer.parseInt(taxId.group(1));
      } catch (NumberFormatException e) {
        draft.fail(
            RejectReason.MALFORMED_RECORD, "taxonomy id out of range: " + FastaParser.clip(text));
      }
    }
  }

  private void sequenceHeader(LineSource lines) {
    Matcher sq = SQ_LINE.matcher(lines.text());
    if (!sq.matches()) {
      draft.fail(
          RejectReason.MALFORMED_RECORD, "malformed SQ line: " + FastaParser.clip(lines.text()));
      return;
    }
    int length = Integer.parseInt(sq.group(1));
    if (draft.declaredLength != length) {
      draft.fail(
          RejectReason.LENGTH_MISMATCH,
          "ID line declares " + draft.declaredLength + " residues, SQ line " + length);
      return;
    }
    draft.declaredCrc64 = sq.group(3);
    draft.sawSequenceHeader = true;
    inSequence = true;
  }

  /**
   * Strips a trailing {@code ;} and evidence tags such as {@code {ECO:0000313|EMBL:BAN04711.1}}.
   */
  private static String withoutEvidence(String value) {
    String name = value.endsWith(";") ? value.substring(0, value.length() - 1) : value;
    int evidence = name.indexOf(" {");
    return (evidence >= 0 ? name.substring(0, evidence) : name).trim();
  }

  /**
   * The scientific name from an OS value such as {@code Homo sapiens (Human).}: trailing
   * parentheses that start with a capital letter are common names or synonyms; lowercase ones
   * ({@code (strain K12)}, {@code (isolate ...)}) are part of the scientific name.
   */
  static String scientificName(String os) {
    String name = os.trim();
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    while (name.endsWith(")")) {
      int open = matchingOpen(name);
      if (open <= 0 || !Character.isUpperCase(name.charAt(open + 1))) {
        break;
      }
      name = name.substring(0, open).trim();
    }
    return name;
  }

  private static int matchingOpen(String text) {
    int depth = 0;
    for (int i = text.length() - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String printable(LineSource lines) {
    String text = lines.text();
    StringBuilder shown = new StringBuilder(Math.min(text.length(), 90));
    for (int i = 0; i < text.length() && shown.length() < 90; i++) {
      char c = text.charAt(i);
      shown.append(c < 0x20 || c == 0x7F || c == '\uFFFD' ? '?' : c);
    }
    return shown.toString();
  }
}
