package io.protstream.model.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.pipeline.DemoModels;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.model.pipeline.ProteinSequence;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a model must not depend on the caller's stack. ONNX Runtime parses the process's command
 * line natively, recursively, when it starts: a JVM started with a 4 KB class path then overflowed
 * the 1 MiB stack of its main thread and died with SIGSEGV, no exception and no log.
 */
class LargeStackTest {

  @TempDir Path dir;

  /**
   * On the main thread: with {@code version}, asks for the runtime's version first of all; else
   * opens the model in {@code args[0]} and prints its protein vector width.
   */
  public static final class OpenOnMainThread {
    public static void main(String[] args) {
      if (args[0].equals("version")) {
        System.out.println("version=" + OnnxSession.runtimeVersion());
        return;
      }
      try (ProtT5Model model =
          ProtT5Model.open(Path.of(args[0]), RuntimeOptions.cpu(), BatchLimits.DEFAULT)) {
        int width =
            model
                .embed(List.of(new ProteinSequence("P1", "MKTAYIAKQRQISFVKSHFSRQ")))
                .get(0)
                .embedding()
                .protein()
                .length;
        System.out.println("width=" + width);
      }
    }
  }

  @Test
  void aJvmWithALongCommandLineOpensAModel() throws Exception {
    Manifest m = DemoModels.create(DemoModels.Size.TINY, 3, dir.resolve("model"));
    String output = runWithLongCommandLine(dir.resolve("model").toString());
    int width = ((Number) m.encoder().config().get("d_model")).intValue();
    assertTrue(output.contains("width=" + width), output);
  }

  @Test
  void aJvmWithALongCommandLineAsksForTheRuntimeVersionFirst() throws Exception {
    String output = runWithLongCommandLine("version");
    assertTrue(output.contains("version=1."), output);
  }

  /**
   * {@link OpenOnMainThread} in a child JVM with a 5 KB class path; its output, exit 0 asserted.
   */
  private String runWithLongCommandLine(String argument) throws Exception {
    // the test's class path, then 5 KB of class-path entries that do not exist
    StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
    for (int i = 0; i < 100; i++) {
      classPath.append(File.pathSeparator).append(dir.resolve("absent-" + "x".repeat(40) + i));
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(classPath.toString());
    command.add(OpenOnMainThread.class.getName());
    command.add(argument);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM ends");
    assertEquals(0, child.exitValue(), "exit status (139: killed by SIGSEGV); output:\n" + output);
    return output;
  }

  @Test
  void failuresOfTheWorkReachTheCaller() {
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                OnnxSession.load(
                    dir.resolve("absent.onnx"),
                    RuntimeOptions.cpu(),
                    ShapeProfile.encoder(1, 16, 64)));
    assertTrue(e.getMessage().contains("absent.onnx"), e.getMessage());
  }

  @Test
  void anInterruptOfTheCallerIsKeptNotLost() {
    Thread.currentThread().interrupt();
    try {
      assertEquals("done", LargeStack.call("t", () -> "done"));
      assertTrue(Thread.interrupted(), "the caller's interrupt is still set");
    } finally {
      Thread.interrupted();
    }
  }
}
