package io.protstream.ingest.domain.parse;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Turns the failure of a damaged compressed stream (cut short, or with corrupt data) into an
 * ordinary end of input, and remembers it. Everything decompressed before the damage is delivered,
 * so the records in it are still read; the parsers then report the damage as a reject.
 */
final class FaultRecordingInputStream extends FilterInputStream {

  private IOException fault;

  FaultRecordingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    if (fault != null) {
      return -1;
    }
    try {
      return super.read();
    } catch (EOFException | ZipException e) {
      fault = e;
      return -1;
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (fault != null) {
      return -1;
    }
    try {
      return super.read(buffer, offset, length);
    } catch (EOFException | ZipException e) {
      fault = e;
      return -1;
    }
  }

  /** The exception that ended the stream early, or {@code null}. */
  IOException fault() {
    return fault;
  }
}
