package io.protstream.ingest.domain.parse;

import io.protstream.ingest.domain.RejectReason;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one {@code <entry>} element of the UniProt XML format with StAX into an {@link EntryDraft}.
 * Only the elements the entry record needs are decoded, plus the curated annotations (GO
 * cross-references, EC numbers, keywords, subcellular locations); references, other comments and
 * cross-references and features are walked past. Element positions are checked by depth, so the
 * empty {@code <sequence>} elements inside isoform comments and the recommended names of protein
 * components are not mistaken for the entry's own.
 */
final class XmlEntryReader {

  private static final int MAX_DEPTH = 8;

  private enum Capture {
    NONE,
    ACCESSION,
    ENTRY_NAME,
    PROTEIN_NAME,
    GENE_NAME,
    ORGANISM_NAME,
    SEQUENCE,
    KEYWORD,
    EC_NUMBER,
    LOCATION
  }

  private final XMLInputFactory factory;
  private final String[] path = new String[MAX_DEPTH + 1];
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder location = new StringBuilder();
  private String goId;
  private String goTerm;
  private String goEvidence;
  private boolean inLocationComment;

  XmlEntryReader() {
    factory = XMLInputFactory.newFactory();
    // Entries are parsed one at a time, without the document prolog: no DTD, no external entities.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
  }

  /** Parses {@code length} bytes of {@code chunk}, one entry element, into the started draft. */
  void read(byte[] chunk, int length, EntryDraft draft) {
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new ByteArrayInputStream(chunk, 0, length), "UTF-8");
      walk(reader, draft);
    } catch (XMLStreamException e) {
      String where =
          e.getLocation() == null ? "" : " (entry line " + e.getLocation().getLineNumber() + ")";
      draft.fail(RejectReason.MALFORMED_XML, "not well-formed" + where + ": " + firstLine(e));
    } catch (RuntimeException e) {
      // Some StAX implementations report malformed byte sequences as unchecked exceptions.
      draft.fail(RejectReason.MALFORMED_XML, "not well-formed: " + e.getMessage());
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing is held open: the input is an in-memory array
        }
      }
    }
  }

  private void walk(XMLStreamReader reader, EntryDraft draft) throws XMLStreamException {
    int depth = 0;
    int genes = 0;
    Capture capture = Capture.NONE;
    int captureDepth = 0;
    draft.annotated = true;
    goId = null;
    inLocationComment = false;
    while (reader.hasNext()) {
      switch (reader.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          String name = reader.getLocalName();
          if (depth <= MAX_DEPTH) {
            path[depth] = name;
          }
          if (depth == 1) {
            entryAttributes(reader, draft);
          } else if (depth == 2) {
            inLocationComment = false;
            capture =
                switch (name) {
                  case "accession" -> Capture.ACCESSION;
                  case "name" -> Capture.ENTRY_NAME;
                  case "sequence" -> sequenceAttributes(reader, draft);
                  case "gene" -> {
                    genes++;
                    yield Capture.NONE;
                  }
                  case "keyword" -> Capture.KEYWORD;
                  case "dbReference" -> {
                    crossReference(reader, draft);
                    yield Capture.NONE;
                  }
                  case "comment" -> {
                    inLocationComment =
                        "subcellular location".equals(reader.getAttributeValue(null, "type"));
                    yield Capture.NONE;
                  }
                  default -> Capture.NONE;
                };
          } else if (depth == 3 && name.equals("name")) {
            if (path[2].equals("gene")
                && genes == 1
                && draft.geneName == null
                && "primary".equals(reader.getAttributeValue(null, "type"))) {
              capture = Capture.GENE_NAME;
            } else if (path[2].equals("organism")
                && "scientific".equals(reader.getAttributeValue(null, "type"))) {
              capture = Capture.ORGANISM_NAME;
            }
          } else if (depth == 3 && goId != null && name.equals("property")) {
            goProperty(reader);
          } else if (depth == 3 && inLocationComment && name.equals("subcellularLocation")) {
            location.setLength(0);
          } else if (depth == 4 && inLocationComment && name.equals("location")) {
            capture = Capture.LOCATION;
          } else if (depth >= 4 && name.equals("ecNumber") && path[2].equals("protein")) {
            capture = Capture.EC_NUMBER;
          } else if (depth == 3 && name.equals("dbReference") && path[2].equals("organism")) {
            if ("NCBI Taxonomy".equals(reader.getAttributeValue(null, "type"))) {
              draft.taxId = number(reader.getAttributeValue(null, "id"), "taxonomy id", draft);
            }
          } else if (depth == 4
              && name.equals("fullName")
              && path[2].equals("protein")
              && draft.proteinName == null
              && (path[3].equals("recommendedName") || path[3].equals("submittedName"))) {
            capture = Capture.PROTEIN_NAME;
          }
          if (capture != Capture.NONE && captureDepth == 0) {
            captureDepth = depth;
            text.setLength(0);
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (capture == Capture.SEQUENCE) {
            draft.sequence.append(
                reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
          } else if (capture != Capture.NONE) {
            text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          if (capture != Capture.NONE && depth == captureDepth) {
            store(capture, text.toString().trim(), draft);
            capture = Capture.NONE;
            captureDepth = 0;
          }
          if (depth == 2 && goId != null) {
            draft.curated.goTerm(goId, goTerm, goEvidence);
            goId = null;
          } else if (depth == 3 && inLocationComment && location.length() > 0) {
            draft.curated.location(location.toString());
            location.setLength(0);
          }
          depth--;
        }
        default -> {
          // comments, processing instructions and entity boundaries carry nothing needed
        }
      }
    }
  }

  private void store(Capture capture, String value, EntryDraft draft) {
    switch (capture) {
      case KEYWORD -> draft.curated.keyword(value);
      case EC_NUMBER -> draft.curated.ecNumber(value);
      case LOCATION -> locationPart(value);
      case ACCESSION -> draft.accessions.add(value);
      case ENTRY_NAME -> draft.entryName = value;
      case PROTEIN_NAME -> draft.proteinName = value;
      case GENE_NAME -> draft.geneName = value;
      case ORGANISM_NAME -> draft.organismName = value;
      default -> {
        // the sequence went straight into the draft's buffer
      }
    }
  }

  /**
   * The parts of one {@code <subcellularLocation>} ({@code Secreted}, {@code Extracellular space})
   * joined as the flat file writes them ({@code Secreted, extracellular space}), so both formats of
   * an entry yield the same location.
   */
  private void locationPart(String value) {
    if (value.isEmpty() || location.length() > 1024) {
      return;
    }
    if (location.length() == 0) {
      location.append(value);
      return;
    }
    location.append(", ");
    boolean acronym = value.length() > 1 && Character.isUpperCase(value.charAt(1));
    location.append(acronym ? value.charAt(0) : Character.toLowerCase(value.charAt(0)));
    location.append(value, 1, value.length());
  }

  /** A GO term's properties follow its element; an old-style EC cross-reference stands alone. */
  private void crossReference(XMLStreamReader reader, EntryDraft draft) {
    String type = reader.getAttributeValue(null, "type");
    String id = reader.getAttributeValue(null, "id");
    if ("GO".equals(type) && id != null) {
      goId = id;
      goTerm = null;
      goEvidence = null;
    } else if ("EC".equals(type) && id != null) {
      draft.curated.ecNumber(id);
    }
  }

  private void goProperty(XMLStreamReader reader) {
    String type = reader.getAttributeValue(null, "type");
    String value = reader.getAttributeValue(null, "value");
    if ("term".equals(type)) {
      goTerm = value;
    } else if ("evidence".equals(type)) {
      goEvidence = value;
    }
  }

  private static void entryAttributes(XMLStreamReader reader, EntryDraft draft) {
    String dataset = reader.getAttributeValue(null, "dataset");
    draft.reviewed = "Swiss-Prot".equals(dataset);
    draft.entryVersion = number(reader.getAttributeValue(null, "version"), "entry version", draft);
    draft.created = date(reader.getAttributeValue(null, "created"));
    draft.modified = date(reader.getAttributeValue(null, "modified"));
  }

  private static Capture sequenceAttributes(XMLStreamReader reader, EntryDraft draft) {
    if (draft.sawSequenceHeader) {
      draft.fail(RejectReason.MALFORMED_XML, "entry has more than one sequence");
      return Capture.NONE;
    }
    draft.sawSequenceHeader = true;
    draft.declaredLength = number(reader.getAttributeValue(null, "length"), "length", draft);
    draft.sequenceVersion = number(reader.getAttributeValue(null, "version"), "version", draft);
    String checksum = reader.getAttributeValue(null, "checksum");
    draft.declaredCrc64 = checksum == null ? null : checksum.trim();
    return Capture.SEQUENCE;
  }

  private static int number(String value, String what, EntryDraft draft) {
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      draft.fail(
          RejectReason.MALFORMED_XML, what + " '" + FastaParser.clip(value) + "' is not a number");
      return 0;
    }
  }

  private static LocalDate date(String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int messageStart = message.indexOf("Message: ");
    if (messageStart >= 0) {
      message = message.substring(messageStart + "Message: ".length());
    }
    int newline = message.indexOf('\n');
    return FastaParser.clip(newline >= 0 ? message.substring(0, newline) : message);
  }
}
