package io.protstream.model.cli;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/** A one-line progress bar in residues on standard error. */
final class ProgressBar implements IntConsumer {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final long total;
  private final long start = System.nanoTime();
  private long done;

  ProgressBar(PrintStream out, long total) {
    this.out = out;
    this.total = Math.max(total, 1);
  }

  @Override
  public synchronized void accept(int residues) {
    done += residues;
    int filled = (int) (WIDTH * Math.min(done, total) / total);
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        "\r[%s%s] %3d%% %,d/%,d residues %.0f residues/s",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        100 * done / total,
        done,
        total,
        done / Math.max(seconds, 1e-9));
    if (done >= total) {
      out.println();
    }
    out.flush();
  }
}
