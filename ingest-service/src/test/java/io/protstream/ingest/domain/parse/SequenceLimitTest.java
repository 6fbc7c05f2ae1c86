package io.protstream.ingest.domain.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.protstream.schemas.SequenceLimits;
import org.junit.jupiter.api.Test;

/**
 * One residue limit for the pipeline: the parser's default (the domain depends on the JDK only, so
 * it cannot read {@link SequenceLimits} itself) and the service's configuration default are that
 * limit.
 */
class SequenceLimitTest {

  @Test
  void theParserDefaultIsThePipelineLimit() {
    assertEquals(SequenceLimits.MAX_RESIDUES, ParserOptions.DEFAULT_MAX_SEQUENCE_LENGTH);
    assertEquals(SequenceLimits.MAX_RESIDUES, ParserOptions.defaults().maxSequenceLength());
    assertEquals(Integer.toString(SequenceLimits.MAX_RESIDUES), SequenceLimits.MAX_RESIDUES_TEXT);
  }
}
