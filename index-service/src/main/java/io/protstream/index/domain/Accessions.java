package io.protstream.index.domain;

import java.util.regex.Pattern;

/** UniProtKB accession syntax. */
public final class Accessions {

  private static final Pattern ACCESSION =
      Pattern.compile("[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9]([A-Z][A-Z0-9]{2}[0-9]){1,2}");

  private Accessions() {}

  public static boolean isValid(String accession) {
    return accession != null && ACCESSION.matcher(accession).matches();
  }
}
