package io.protstream.index.domain;

/** A request the search cannot answer as asked; each kind maps to one HTTP status. */
public class SearchException extends RuntimeException {

  public enum Kind {
    /** 400: the request is malformed; the message says what to fix. */
    INVALID,
    /** 404 */
    UNKNOWN,
    /** 410: {@link #detail()} is the release that deleted the accession. */
    DELETED,
    /** 301: {@link #detail()} is the accession it was merged into. */
    MERGED,
    /** 409: known but not embedded yet. */
    NOT_READY,
    /** 503: the embedding service failed or timed out. */
    EMBEDDER_UNAVAILABLE
  }

  private final Kind kind;
  private final String detail;

  public SearchException(Kind kind, String message, String detail) {
    super(message);
    this.kind = kind;
    this.detail = detail;
  }

  public static SearchException invalid(String message) {
    return new SearchException(Kind.INVALID, message, null);
  }

  public Kind kind() {
    return kind;
  }

  public String detail() {
    return detail;
  }
}
