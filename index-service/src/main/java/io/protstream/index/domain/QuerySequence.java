package io.protstream.index.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** A query sequence pasted as plain residues or as one FASTA record. */
public final class QuerySequence {

  /** The 20 standard amino acids, X (unknown), B, Z, U (selenocysteine), O (pyrrolysine). */
  public static final String RESIDUES = "ACDEFGHIKLMNPQRSTVWYXBZUO";

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private QuerySequence() {}

  /** The residues in upper case; throws an INVALID {@link SearchException} saying what to fix. */
  public static String parse(String text, int maxLength) {
    String body = text.strip();
    if (body.startsWith(">")) {
      int newline = body.indexOf('\n');
      body = newline < 0 ? "" : body.substring(newline + 1);
      if (body.contains(">")) {
        throw SearchException.invalid(
            "sequence: one sequence per search; the FASTA text holds more than one record");
      }
    }
    String residues = WHITESPACE.matcher(body).replaceAll("").toUpperCase(Locale.ROOT);
    if (residues.isEmpty()) {
      throw SearchException.invalid("sequence: no residues");
    }
    if (residues.length() > maxLength) {
      throw SearchException.invalid(
          "sequence: "
              + residues.length()
              + " residues, the most a search accepts is "
              + maxLength);
    }
    for (int i = 0; i < residues.length(); i++) {
      char c = residues.charAt(i);
      if (RESIDUES.indexOf(c) < 0) {
        throw SearchException.invalid(
            "sequence: invalid residue '"
                + c
                + "' at position "
                + (i + 1)
                + "; use the one-letter codes "
                + RESIDUES);
      }
    }
    return residues;
  }
}
