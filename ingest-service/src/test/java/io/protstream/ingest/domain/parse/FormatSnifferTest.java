package io.protstream.ingest.domain.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatSnifferTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'>sp|P00750|TPA_HUMAN Tissue-type'                    | FASTA",
        "'\n\n>tr|F2CXE6|F2CXE6_HORVD'                         | FASTA",
        "'ID   TPA_HUMAN               Reviewed;         562 AA.' | FLAT_FILE",
        "'<?xml version=\"1.0\"?>\n<uniprot xmlns=\"x\">'      | XML",
        "'<entry dataset=\"Swiss-Prot\">'                      | XML",
        "'<!DOCTYPE html><html></html>'                        | UNKNOWN",
        "'LOCUS       SCU49845     5028 bp    DNA'             | UNKNOWN",
        "'a banner line\n>sp|P00750|TPA_HUMAN'                 | FASTA",
        "'a banner line\nID   TPA_HUMAN  Reviewed; 1 AA.'      | FLAT_FILE",
        "'   '                                                  | UNKNOWN"
      })
  void recognisesTheFormatFromTheContent(String head, UniProtFormat expected) {
    byte[] bytes = head.getBytes(StandardCharsets.UTF_8);
    assertEquals(expected, FormatSniffer.sniff(bytes, bytes.length));
  }
}
