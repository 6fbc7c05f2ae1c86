package io.protstream.ingest.domain.sequence;

import java.util.regex.Pattern;

/**
 * UniProtKB accession syntax: the 6-character forms {@code [OPQ][0-9][A-Z0-9]{3}[0-9]} and {@code
 * [A-NR-Z][0-9][A-Z][A-Z0-9]{2}[0-9]}, and the 10-character form that repeats the last
 * four-character block. Isoform suffixes ({@code P00750-2}) are not accessions of an entry and do
 * not match.
 */
public final class AccessionSyntax {

  private static final Pattern ACCESSION =
      Pattern.compile("[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9]([A-Z][A-Z0-9]{2}[0-9]){1,2}");

  private AccessionSyntax() {}

  public static boolean isValid(String accession) {
    if (accession == null) {
      return false;
    }
    int length = accession.length();
    return (length == 6 || length == 10) && ACCESSION.matcher(accession).matches();
  }
}
