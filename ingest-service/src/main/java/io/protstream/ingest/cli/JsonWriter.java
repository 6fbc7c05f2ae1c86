package io.protstream.ingest.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes one flat JSON object per line. Hand-written so the command needs nothing beyond the JDK;
 * strings are escaped per RFC 8259 (quote, backslash and control characters).
 */
final class JsonWriter {

  private final Writer out;
  private boolean firstField;

  JsonWriter(Writer out) {
    this.out = out;
  }

  JsonWriter begin() throws IOException {
    out.write('{');
    firstField = true;
    return this;
  }

  void end() throws IOException {
    out.write("}\n");
  }

  JsonWriter field(String name, String value) throws IOException {
    name(name);
    if (value == null) {
      out.write("null");
    } else {
      string(value);
    }
    return this;
  }

  JsonWriter field(String name, long value) throws IOException {
    name(name);
    out.write(Long.toString(value));
    return this;
  }

  /** Writes {@code null} for 0, the value the entry record uses for "not declared". */
  JsonWriter fieldOrNull(String name, long value) throws IOException {
    name(name);
    out.write(value == 0 ? "null" : Long.toString(value));
    return this;
  }

  /** Writes {@code null} for a negative value, the value locations use for "unknown". */
  JsonWriter fieldOrNullIfNegative(String name, long value) throws IOException {
    name(name);
    out.write(value < 0 ? "null" : Long.toString(value));
    return this;
  }

  JsonWriter field(String name, boolean value) throws IOException {
    name(name);
    out.write(value ? "true" : "false");
    return this;
  }

  JsonWriter field(String name, List<String> values) throws IOException {
    name(name);
    out.write('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      string(values.get(i));
    }
    out.write(']');
    return this;
  }

  private void name(String name) throws IOException {
    if (!firstField) {
      out.write(',');
    }
    firstField = false;
    string(name);
    out.write(':');
  }

  private void string(String value) throws IOException {
    out.write('"');
    out.write(escape(value));
    out.write('"');
  }

  static String escape(String value) {
    StringBuilder escaped = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String replacement =
          switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default ->
                c < 0x20 || c == 0x2028 || c == 0x2029 ? String.format("\\u%04x", (int) c) : null;
          };
      if (replacement != null && escaped == null) {
        escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
      }
      if (escaped != null) {
        if (replacement != null) {
          escaped.append(replacement);
        } else {
          escaped.append(c);
        }
      }
    }
    return escaped == null ? value : escaped.toString();
  }
}
