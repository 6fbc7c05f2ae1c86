package io.protstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.protstream.schemas.serde.EventDecodingException;
import io.protstream.schemas.serde.EventDecodingException.Reason;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  @Test
  void headersRoundTrip() {
    var error =
        new EventDecodingException(
            Reason.TRUNCATED_BODY, "needs 4 more bytes", new EOFException("eof"));
    Headers headers =
        DeadLetter.headers(
            Reason.TRUNCATED_BODY.name(),
            "embed.decode",
            error,
            Topics.SEQUENCES,
            7,
            123_456_789_012L);

    DeadLetter.Info info = DeadLetter.read(headers);

    assertEquals("TRUNCATED_BODY", info.reason());
    assertEquals("embed.decode", info.stage());
    assertEquals(EventDecodingException.class.getName(), info.exceptionClass());
    assertEquals(
        EventDecodingException.class.getName() + ": TRUNCATED_BODY: needs 4 more bytes",
        info.exception());
    assertEquals(EOFException.class.getName(), info.causeClass());
    assertEquals("eof", info.cause());
    assertEquals(Topics.SEQUENCES, info.topic());
    assertEquals(7, info.partition());
    assertEquals(123_456_789_012L, info.offset());
  }

  @Test
  void usesSmallRyeHeaderNamesAndTextValues() {
    Headers headers =
        DeadLetter.headers(null, "index.write", new IllegalStateException("boom"), "t", 2, 42);
    assertEquals("boom", text(headers, "dead-letter-reason"), "defaults to the exception message");
    assertEquals(
        "java.lang.IllegalStateException", text(headers, "dead-letter-exception-class-name"));
    assertEquals("java.lang.IllegalStateException: boom", text(headers, "dead-letter-exception"));
    assertEquals("index.write", text(headers, "dead-letter-stage"));
    assertEquals("t", text(headers, "dead-letter-topic"));
    assertEquals("2", text(headers, "dead-letter-partition"));
    assertEquals("42", text(headers, "dead-letter-offset"));
    assertNull(headers.lastHeader("dead-letter-cause"));
  }

  @Test
  void readsWhatSmallRyeWrites() {
    Headers headers = new RecordHeaders();
    headers.add("dead-letter-reason", bytes("bad value"));
    headers.add("dead-letter-exception-class-name", bytes("java.lang.RuntimeException"));
    headers.add("dead-letter-topic", bytes(Topics.ANNOTATIONS));
    headers.add("dead-letter-partition", bytes("0"));
    headers.add("dead-letter-offset", bytes("99"));

    DeadLetter.Info info = DeadLetter.read(headers);

    assertEquals("bad value", info.reason());
    assertNull(info.stage());
    assertEquals(Topics.ANNOTATIONS, info.topic());
    assertEquals(0, info.partition());
    assertEquals(99, info.offset());
  }

  @Test
  void missingOrGarbledNumbersReadAsMinusOne() {
    Headers headers = new RecordHeaders();
    headers.add("dead-letter-partition", bytes("x"));
    DeadLetter.Info info = DeadLetter.read(headers);
    assertEquals(-1, info.partition());
    assertEquals(-1, info.offset());
    assertNull(info.reason());
  }

  @Test
  void addToReplacesEarlierDeadLetterHeadersAndKeepsOthers() {
    Headers original = new RecordHeaders();
    original.add("traceparent", bytes("00-abc-def-01"));
    original.add("dead-letter-reason", bytes("first failure"));

    DeadLetter.addTo(
        original, DeadLetter.headers("second failure", "predict.run", null, "t", 1, 2));

    assertEquals("00-abc-def-01", text(original, "traceparent"));
    assertEquals(1, count(original, "dead-letter-reason"));
    assertEquals("second failure", DeadLetter.read(original).reason());
    assertNull(DeadLetter.read(original).exceptionClass());
  }

  /** The value is the original bytes when there are any, else empty: never null, never text. */
  @Test
  void theValueIsTheOriginalBytesOrEmpty() {
    byte[] original = {(byte) 0xC3, 0x01, 7, 7};
    assertSame(original, DeadLetter.value(original));
    assertEquals(0, DeadLetter.value(null).length);
  }

  @Test
  void ingestHeadersHaveTheirOwnNames() {
    assertEquals("dead-letter-source", DeadLetter.SOURCE);
    assertEquals("dead-letter-release", DeadLetter.RELEASE);
    assertEquals("dead-letter-value-bytes", DeadLetter.VALUE_BYTES);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  private static int count(Headers headers, String key) {
    int n = 0;
    for (var h : headers.headers(key)) {
      n++;
    }
    return n;
  }
}
