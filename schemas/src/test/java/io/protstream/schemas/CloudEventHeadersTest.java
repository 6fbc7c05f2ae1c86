package io.protstream.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

  @Test
  void writesTheKafkaBindingsBinaryModeHeaders() {
    Headers headers = new RecordHeaders();
    CloudEventHeaders.addTo(
        headers,
        CloudEventHeaders.SEQUENCE_TYPE,
        "/protstream/ingest-service",
        "P69905",
        "2025_01/P69905/NEW",
        Instant.parse("2025-02-05T10:15:30.123Z"));
    // names and values as the CloudEvents Kafka protocol binding 1.0 spells them
    assertArrayEquals("1.0".getBytes(StandardCharsets.UTF_8), value(headers, "ce_specversion"));
    assertEquals("2025_01/P69905/NEW", CloudEventHeaders.get(headers, "ce_id"));
    assertEquals("/protstream/ingest-service", CloudEventHeaders.get(headers, "ce_source"));
    assertEquals("io.protstream.uniprot.sequence.v1", CloudEventHeaders.get(headers, "ce_type"));
    assertEquals("P69905", CloudEventHeaders.get(headers, "ce_subject"));
    assertEquals("2025-02-05T10:15:30.123Z", CloudEventHeaders.get(headers, "ce_time"));
    assertEquals("application/avro", CloudEventHeaders.get(headers, "content-type"));
  }

  @Test
  void replacesEarlierValuesInsteadOfRepeatingThem() {
    Headers headers = new RecordHeaders();
    Instant t = Instant.EPOCH;
    CloudEventHeaders.addTo(headers, "a", "/s", "k", "1", t);
    CloudEventHeaders.addTo(headers, "b", "/s", "k", "2", t);
    int ids = 0;
    for (var h : headers.headers("ce_id")) {
      ids++;
    }
    assertEquals(1, ids);
    assertEquals("2", CloudEventHeaders.get(headers, "ce_id"));
  }

  @Test
  void requiredAttributesMustBeThere() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CloudEventHeaders.addTo(new RecordHeaders(), "t", "/s", "k", "", Instant.EPOCH));
  }

  private static byte[] value(Headers headers, String name) {
    return headers.lastHeader(name).value();
  }
}
