package io.protstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.protstream.events.CuratedAnnotations;
import io.protstream.events.GoTerm;
import io.protstream.events.SequenceEvent;
import io.protstream.schemas.EventFixtures;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** SequenceEvent v2 adds the optional {@code curated} field; v1 producers stay readable. */
class SequenceEventCuratedTest {

  private static final EventCodec<SequenceEvent> CODEC = new EventCodec<>(SequenceEvent.class);

  @Test
  void versionOneBytesDecodeWithoutCuratedAnnotations() throws IOException {
    Schema v1 = EventSchemaStore.instance().history(SequenceEvent.getClassSchema()).get(1);
    assertNull(v1.getField("curated"), "v1 is the release before the field");
    GenericRecord old = SchemaHistoryTest.asOldRecord(EventFixtures.sequence(), v1);

    SequenceEvent event = CODEC.decode(SchemaHistoryTest.writeSingleObject(old, v1));

    assertEquals(EventFixtures.sequence().getAccession(), event.getAccession());
    assertEquals(EventFixtures.sequence().getSequenceDigest(), event.getSequenceDigest());
    assertNull(event.getCurated());
  }

  @Test
  void theNewestHistoryVersionIsTheCurrentSchema() {
    List<Schema> history = EventSchemaStore.instance().history(SequenceEvent.getClassSchema());
    Schema newest = history.get(history.size() - 1);
    assertEquals(
        EventSchemaStore.fingerprint(SequenceEvent.getClassSchema()),
        EventSchemaStore.fingerprint(newest));
  }

  @Test
  void curatedAnnotationsRoundTrip() {
    SequenceEvent event = EventFixtures.sequence();
    event.setCurated(
        CuratedAnnotations.newBuilder()
            .setGoTerms(
                List.of(new GoTerm("GO:0005737", "C", "IDA"), new GoTerm("GO:0004993", "F", null)))
            .setEcNumbers(List.of("2.7.11.-"))
            .setKeywords(List.of("Transmembrane helix"))
            .setSubcellularLocations(List.of("Secreted, extracellular space"))
            .build());

    SequenceEvent decoded = CODEC.decode(CODEC.encode(event));

    assertEquals(event.getCurated(), decoded.getCurated());
    assertNull(decoded.getCurated().getGoTerms().get(1).getEvidence());
  }
}
