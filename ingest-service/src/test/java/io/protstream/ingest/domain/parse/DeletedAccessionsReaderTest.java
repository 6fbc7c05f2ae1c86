package io.protstream.ingest.domain.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeletedAccessionsReaderTest {

  /** The layout of UniProt's delac_sp.txt: a banner, a header, the accessions, a footer. */
  private static final String DELAC_SP =
      """
      ----------------------------------------------------------------------------
              UniProt - Swiss-Prot Protein Knowledgebase
              SIB Swiss Institute of Bioinformatics; Geneva, Switzerland
      ----------------------------------------------------------------------------

      Description: Deleted accession numbers
      Name:        DELAC_SP.TXT
      Release:     2025_01 of 05-Feb-2025

      ----------------------------------------------------------------------------

      This document lists the accession numbers of all entries deleted from
      UniProtKB/Swiss-Prot.

      Q51858
      P99999
      A0A023GPI8

      ----------------------------------------------------------------------------
      Copyrighted by the UniProt Consortium
      ----------------------------------------------------------------------------
      """;

  @Test
  void readsTheAccessionsAndTheRelease() throws IOException {
    List<String> deleted = new ArrayList<>();
    DeletedAccessionsReader.Listing listing =
        DeletedAccessionsReader.read(
            new ByteArrayInputStream(DELAC_SP.getBytes(StandardCharsets.US_ASCII)), deleted::add);
    assertEquals(List.of("Q51858", "P99999", "A0A023GPI8"), deleted);
    assertEquals("2025_01", listing.release());
    assertEquals(3, listing.accessions());
  }
}
