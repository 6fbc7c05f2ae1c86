package io.protstream.ingest.jobs;

import java.util.regex.Pattern;

/** Hides credentials in URLs before they are shown in job views, errors or logs. */
public final class Redaction {

  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile(
          "([?&](?:token|access_token|key|apikey|api_key|password|passwd|secret|signature|sig)=)[^&#]*",
          Pattern.CASE_INSENSITIVE);

  private Redaction() {}

  /** {@code https://user:secret@host/x?token=t} becomes {@code https://***@host/x?token=***}. */
  public static String url(String text) {
    if (text == null) {
      return null;
    }
    String hidden = USER_INFO.matcher(text).replaceFirst("$1***@");
    return SECRET_PARAMETER.matcher(hidden).replaceAll("$1***");
  }
}
