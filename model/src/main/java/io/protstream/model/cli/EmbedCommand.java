package io.protstream.model.cli;

import io.protstream.model.io.EmbeddingsH5Writer;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import io.protstream.model.runtime.Embedding;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
      "Embed the sequences of a FASTA file into HDF5: one float32 dataset per sequence, named by"
          + " its UniProt accession or first header word (UniProt's per-protein.h5 layout)."
    })
final class EmbedCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "model folder")
  Path model;

  @Option(names = "--fasta", required = true, description = "input FASTA")
  Path fasta;

  @Option(names = "--per-protein", required = true, description = "output .h5, [d] per sequence")
  Path perProtein;

  @Option(names = "--per-residue", description = "output .h5, [length, d] per sequence")
  Path perResidue;

  @Mixin RuntimeMixin runtime;

  /**
   * Sequences embedded per round. Results are handed to the HDF5 writers and dropped round by
   * round, so only the writers' copy stays in memory (jHDF writes the file when it is closed).
   */
  private static final int SEQUENCES_PER_ROUND = 1024;

  @Override
  public Integer call() {
    List<ProteinSequence> sequences = SequenceInput.read(fasta, spec.commandLine().getErr());
    ProgressBar progress = new ProgressBar(System.err, SequenceInput.residues(sequences));
    int windowed = 0;
    try (ProtT5Model m = ProtT5Model.open(model, runtime.options(), runtime.limits());
        EmbeddingsH5Writer proteins = new EmbeddingsH5Writer(perProtein);
        EmbeddingsH5Writer residues =
            perResidue == null ? null : new EmbeddingsH5Writer(perResidue)) {
      for (int from = 0; from < sequences.size(); from += SEQUENCES_PER_ROUND) {
        List<ProteinSequence> round =
            sequences.subList(from, Math.min(sequences.size(), from + SEQUENCES_PER_ROUND));
        for (EmbeddingResult r : m.embed(round, progress)) {
          Embedding e = r.embedding();
          proteins.putVector(r.id(), e.protein());
          if (residues != null) {
            residues.putMatrix(r.id(), e.residues(), e.length(), e.dModel());
          }
          windowed += r.windowed() ? 1 : 0;
        }
      }
    }
    System.out.printf(
        "embedded %d sequences (%d stitched from windows) into %s%s%n",
        sequences.size(), windowed, perProtein, perResidue == null ? "" : " and " + perResidue);
    return 0;
  }
}
