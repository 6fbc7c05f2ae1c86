package io.protstream.ingest.domain.parse;

/**
 * The outcome of reading one input.
 *
 * @param source the input's name
 * @param format the format the content was recognised as
 * @param gzip whether the input was gzip-compressed
 * @param entries how many entries were accepted
 * @param rejects how many records were rejected
 * @param bytes how many uncompressed bytes were read
 * @param complete {@code true} when the input was read to a proper end: not truncated, not corrupt,
 *     in a recognised format. Only a complete release may be used to infer deletions from absence.
 */
public record ParseSummary(
    String source,
    UniProtFormat format,
    boolean gzip,
    long entries,
    long rejects,
    long bytes,
    boolean complete) {}
