package io.protstream.model.cli;

import io.protstream.model.io.FastaReader;
import io.protstream.model.io.FastaRecord;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.tokenizer.InvalidSequenceException;
import io.protstream.model.tokenizer.ProtT5Tokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a FASTA file, reporting and skipping the sequences the tokenizer refuses. */
final class SequenceInput {

  private SequenceInput() {}

  static List<ProteinSequence> read(Path fasta, PrintWriter err) {
    ProtT5Tokenizer tokenizer = new ProtT5Tokenizer();
    List<ProteinSequence> valid = new ArrayList<>();
    for (FastaRecord r : FastaReader.read(fasta)) {
      try {
        tokenizer.validate(r.sequence());
        valid.add(new ProteinSequence(r.id(), r.sequence()));
      } catch (InvalidSequenceException e) {
        err.println("skipped " + r.id() + ": " + e.getMessage());
      }
    }
    return valid;
  }

  static long residues(List<ProteinSequence> sequences) {
    return sequences.stream().mapToLong(s -> s.sequence().length()).sum();
  }
}
