package io.protstream.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.protstream.events.CuratedAnnotations;
import io.protstream.events.GoTerm;
import io.protstream.events.SequenceEvent;
import io.protstream.ingest.domain.Samples;
import io.protstream.ingest.domain.diff.ChangeKind;
import io.protstream.ingest.domain.diff.InMemoryKnownDigests;
import io.protstream.ingest.domain.diff.InMemoryReleaseLedger;
import io.protstream.ingest.domain.diff.ReleaseDiff;
import io.protstream.ingest.domain.diff.SequenceChange;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.SequenceEventDeserializer;
import io.protstream.schemas.serde.SequenceEventSerializer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The curated annotations of an entry travel on its event and survive the wire format. */
class SequenceEventsTest {

  private static final Instant NOW = Instant.parse("2025-02-05T00:00:00Z");

  @Test
  void aNewEntryCarriesItsCuratedAnnotationsOnTheWire() {
    var entry = Samples.entries("uniprot/F2CXE6.xml").get(0);
    SequenceChange change =
        new ReleaseDiff(new InMemoryReleaseLedger(), new InMemoryKnownDigests(), "2025_01")
            .decide(entry)
            .get(0);
    assertEquals(ChangeKind.NEW, change.kind());

    SequenceEvent sent = SequenceEvents.from(change, NOW);
    byte[] bytes = new SequenceEventSerializer().serialize(Topics.SEQUENCES, sent);
    SequenceEvent received = new SequenceEventDeserializer().deserialize(Topics.SEQUENCES, bytes);

    // F2CXE6.xml: dbReference type="GO" GO:0016021 (C, IEA:UniProtKB-KW), GO:0005215 (F,
    // IEA:InterPro); keywords Membrane, Transmembrane, Transport; no EC, no location comment
    CuratedAnnotations expected =
        CuratedAnnotations.newBuilder()
            .setGoTerms(
                List.of(new GoTerm("GO:0016021", "C", "IEA"), new GoTerm("GO:0005215", "F", "IEA")))
            .setEcNumbers(List.of())
            .setKeywords(List.of("Membrane", "Transmembrane", "Transport"))
            .setSubcellularLocations(List.of())
            .build();
    assertEquals(expected, received.getCurated());
  }

  @Test
  void fastaEntriesAndDeletionsCarryNone() {
    var ledger = new InMemoryReleaseLedger();
    var diff = new ReleaseDiff(ledger, new InMemoryKnownDigests(), "2025_01");
    var entry = Samples.entries("uniprot/multi_ex.fasta").get(0);
    SequenceChange added = diff.apply(entry).get(0);
    assertNull(SequenceEvents.from(added, NOW).getCurated());

    var next = new ReleaseDiff(ledger, new InMemoryKnownDigests(), "2025_02");
    SequenceChange deleted = next.decideDeletion(entry.accession()).orElseThrow();
    assertNull(SequenceEvents.from(deleted, NOW).getCurated());
  }
}
