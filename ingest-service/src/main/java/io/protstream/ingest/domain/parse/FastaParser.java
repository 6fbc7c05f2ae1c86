package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.RejectReason;
import java.io.IOException;

/**
 * Reads UniProtKB FASTA: {@code >sp|ACC|NAME Protein name OS=Organism OX=taxid GN=gene PE=n SV=n}
 * followed by sequence lines. FASTA carries no entry version, declared length or CRC64; those stay
 * unset and only the alphabet and the sequence version are checked. A record cut off by a damaged
 * compressed stream is rejected, since its sequence may be incomplete.
 */
final class FastaParser {

  private static final String[] KEYS = {" OS=", " OX=", " GN=", " PE=", " SV="};

  private final ParseContext context;
  private final EntryDraft draft;
  private boolean open;

  FastaParser(ParseContext context) {
    this.context = context;
    this.draft = new EntryDraft(context.options.maxSequenceLength());
  }

  void parse(LineSource lines) throws IOException {
    boolean strayReported = false;
    while (lines.next()) {
      if (lines.length() > 0 && lines.bytes()[0] == '>') {
        finish();
        start(lines);
        strayReported = false;
      } else if (open) {
        if (lines.isCut()) {
          draft.fail(RejectReason.OVERSIZE, "sequence line longer than the line limit");
        }
        draft.raw.appendLine(lines.bytes(), lines.length());
        draft.sequence.append(lines.bytes(), 0, lines.length());
      } else if (!lines.isBlank() && !strayReported) {
        context.rejectLine(
            context.at(lines.lineNumber(), lines.offset()),
            RejectReason.MALFORMED_RECORD,
            "content outside a FASTA record",
            lines);
        strayReported = true;
      }
    }
    if (lines.fault() != null) {
      boolean wasOpen = open;
      if (open) {
        draft.fail(
            ParseContext.faultReason(lines.fault()),
            "input ends inside this record: " + lines.fault().getMessage());
      }
      finish();
      context.reportFault(lines.fault(), context.at(lines.lineNumber(), lines.consumed()), wasOpen);
      return;
    }
    finish();
  }

  private void finish() {
    if (open) {
      EntryValidator.emit(draft, context);
      open = false;
    }
  }

  private void start(LineSource lines) {
    open = true;
    draft.start(context.at(lines.lineNumber(), lines.offset()));
    draft.raw.appendLine(lines.bytes(), lines.length());
    draft.sawSequenceHeader = true;
    String header = lines.text(1);
    if (lines.isCut() || lines.hasBinary()) {
      draft.fail(RejectReason.MALFORMED_HEADER, "header holds binary data or is too long");
      return;
    }
    parseHeader(header);
  }

  private void parseHeader(String header) {
    int firstBar = header.indexOf('|');
    int secondBar = firstBar < 0 ? -1 : header.indexOf('|', firstBar + 1);
    if (firstBar < 0 || secondBar < 0) {
      draft.fail(RejectReason.MALFORMED_HEADER, "not a UniProtKB FASTA header: >" + clip(header));
      return;
    }
    String database = header.substring(0, firstBar);
    if (!database.equals("sp") && !database.equals("tr")) {
      draft.fail(
          RejectReason.MALFORMED_HEADER,
          "database '" + clip(database) + "' is neither sp nor tr: >" + clip(header));
      return;
    }
    draft.reviewed = database.equals("sp");
    draft.accessions.add(header.substring(firstBar + 1, secondBar));
    int nameEnd = header.indexOf(' ', secondBar + 1);
    if (nameEnd < 0) {
      draft.entryName = header.substring(secondBar + 1);
      return;
    }
    draft.entryName = header.substring(secondBar + 1, nameEnd);
    parseDescription(header.substring(nameEnd));
  }

  /** Splits {@code " Protein name OS=... OX=... GN=... PE=... SV=..."} at its keys. */
  private void parseDescription(String description) {
    int firstKey = description.length();
    int[] starts = new int[KEYS.length];
    for (int k = 0; k < KEYS.length; k++) {
      starts[k] = description.indexOf(KEYS[k]);
      if (starts[k] >= 0) {
        firstKey = Math.min(firstKey, starts[k]);
      }
    }
    draft.proteinName = description.substring(0, firstKey).trim();
    for (int k = 0; k < KEYS.length; k++) {
      if (starts[k] < 0) {
        continue;
      }
      int valueStart = starts[k] + KEYS[k].length();
      int valueEnd = description.length();
      for (int other : starts) {
        if (other > starts[k] && other < valueEnd) {
          valueEnd = other;
        }
      }
      String value = description.substring(valueStart, valueEnd).trim();
      switch (k) {
        case 0 -> draft.organismName = value;
        case 1 -> draft.taxId = number(value, "OX");
        case 2 -> draft.geneName = value;
        case 4 -> draft.sequenceVersion = number(value, "SV");
        default -> {
          // PE (protein existence) is not carried on.
        }
      }
    }
  }

  private int number(String value, String key) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      draft.fail(
          RejectReason.MALFORMED_HEADER, key + "= value '" + clip(value) + "' is not a number");
      return 0;
    }
  }

  static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
