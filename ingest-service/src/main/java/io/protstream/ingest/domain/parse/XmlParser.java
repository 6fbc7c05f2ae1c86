package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a UniProt XML document entry by entry. The byte stream is cut at {@code <entry} and {@code
 * </entry>} and each entry is parsed on its own by {@link XmlEntryReader}. A single StAX pass over
 * the whole document would stop at the first well-formedness error; cutting first confines an error
 * to its entry, and memory to the largest entry, so the entries after a damaged one are still read.
 *
 * <p>A document that ends inside an entry, or without {@code </uniprot>}, is reported as truncated:
 * a release cut at an entry boundary looks complete entry by entry but is not.
 */
final class XmlParser {

  private static final byte[] ENTRY_START = "<entry".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENTRY_END = "</entry>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOCUMENT_END = "</uniprot>".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern FIRST_ACCESSION =
      Pattern.compile("<accession>\\s*([A-Za-z0-9]{1,16})\\s*</accession>");

  private final ParseContext context;
  private final EntryDraft draft;
  private final XmlEntryReader entryReader = new XmlEntryReader();
  private final int maxEntryBytes;
  private byte[] chunk = new byte[1 << 16];
  private int chunkLength;
  private boolean inEntry;
  private boolean entryTooLarge;
  private boolean sawDocumentEnd;

  XmlParser(ParseContext context) {
    this.context = context;
    this.draft = new EntryDraft(context.options.maxSequenceLength());
    this.maxEntryBytes = context.options.maxXmlEntryBytes();
  }

  void parse(LineSource lines) throws IOException {
    while (lines.next()) {
      scan(lines);
    }
    boolean wasOpen = inEntry;
    if (inEntry) {
      draft.fail(
          lines.fault() != null ? ParseContext.faultReason(lines.fault()) : RejectReason.TRUNCATED,
          "input ends inside this entry"
              + (lines.fault() != null ? ": " + lines.fault().getMessage() : ""));
      rejectOpenEntry();
      context.markIncomplete();
    }
    if (lines.fault() != null) {
      context.reportFault(lines.fault(), context.at(lines.lineNumber(), -1), wasOpen);
    } else if (!sawDocumentEnd) {
      context.markIncomplete();
      if (!wasOpen) {
        context.reject(
            context.at(lines.lineNumber(), -1),
            null,
            RejectReason.TRUNCATED,
            "document ends without </uniprot>");
      }
    }
  }

  /** Cuts the line at entry boundaries: a single pass that stops only at {@code <}. */
  private void scan(LineSource lines) {
    byte[] bytes = lines.bytes();
    int length = lines.length();
    int pending = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] != '<') {
        continue;
      }
      if (isEntryStart(bytes, i, length)) {
        if (inEntry) {
          append(bytes, pending, i - pending);
          draft.fail(RejectReason.TRUNCATED, "entry is not closed before the next <entry>");
          rejectOpenEntry();
        }
        beginEntry(lines);
        pending = i;
        i += ENTRY_START.length - 1;
      } else if (inEntry && startsWith(bytes, i, length, ENTRY_END)) {
        int afterEnd = i + ENTRY_END.length;
        append(bytes, pending, afterEnd - pending);
        completeEntry();
        pending = afterEnd;
        i = afterEnd - 1;
      } else if (!inEntry && startsWith(bytes, i, length, DOCUMENT_END)) {
        sawDocumentEnd = true;
      }
    }
    if (inEntry) {
      append(bytes, pending, length - pending);
      appendNewline();
      if (lines.isCut()) {
        draft.fail(RejectReason.MALFORMED_XML, "line " + lines.lineNumber() + " is too long");
      }
    }
  }

  private void beginEntry(LineSource lines) {
    inEntry = true;
    entryTooLarge = false;
    chunkLength = 0;
    draft.start(context.at(lines.lineNumber(), -1));
  }

  private void completeEntry() {
    inEntry = false;
    if (entryTooLarge) {
      draft.fail(RejectReason.OVERSIZE, "entry is larger than " + maxEntryBytes + " bytes");
    } else {
      entryReader.read(chunk, chunkLength, draft);
    }
    draft.raw.useView(chunk, chunkLength);
    EntryValidator.emit(draft, context);
  }

  /** Rejects an entry that cannot be parsed as a whole, naming its accession if it got that far. */
  private void rejectOpenEntry() {
    inEntry = false;
    if (draft.accessions.isEmpty()) {
      Matcher accession =
          FIRST_ACCESSION.matcher(
              new String(chunk, 0, Math.min(chunkLength, 1 << 16), StandardCharsets.UTF_8));
      if (accession.find()) {
        draft.accessions.add(accession.group(1));
      }
    }
    draft.raw.useView(chunk, chunkLength);
    EntryValidator.emit(draft, context);
  }

  private void append(byte[] bytes, int from, int count) {
    if (count <= 0 || entryTooLarge) {
      return;
    }
    if (chunkLength + count > maxEntryBytes) {
      entryTooLarge = true;
      return;
    }
    if (chunkLength + count > chunk.length) {
      chunk = Arrays.copyOf(chunk, Math.max(chunkLength + count, chunk.length * 2));
    }
    System.arraycopy(bytes, from, chunk, chunkLength, count);
    chunkLength += count;
  }

  private void appendNewline() {
    append(new byte[] {'\n'}, 0, 1);
  }

  /** Whether an {@code <entry} element (not {@code <entryX}) starts at {@code at}. */
  private static boolean isEntryStart(byte[] bytes, int at, int length) {
    if (!startsWith(bytes, at, length, ENTRY_START)) {
      return false;
    }
    int next = at + ENTRY_START.length;
    if (next >= length) {
      return true;
    }
    byte after = bytes[next];
    return after == ' ' || after == '>' || after == '\t' || after == '/' || after == '\r';
  }

  private static boolean startsWith(byte[] bytes, int at, int length, byte[] token) {
    if (at + token.length > length) {
      return false;
    }
    for (int j = 0; j < token.length; j++) {
      if (bytes[at + j] != token[j]) {
        return false;
      }
    }
    return true;
  }
}
