package io.protstream.model.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs an unpickler and turns whatever a malformed pickle makes it throw (the library's own
 * exceptions, stack underflows, wrong types, runaway nesting) into one {@link CheckpointException}
 * that names the file.
 */
final class Unpickling {

  interface Load {
    Object run() throws IOException;
  }

  private Unpickling() {}

  static Object run(Path file, Load load) throws IOException {
    try {
      return load.run();
    } catch (CheckpointException e) {
      throw e;
    } catch (RuntimeException e) {
      // the library's PickleException, and stack underflows or wrong types from crafted opcodes
      throw malformed(file, e);
    } catch (StackOverflowError e) {
      throw new CheckpointException(file + ": malformed pickle (nested too deeply)");
    }
  }

  private static CheckpointException malformed(Path file, RuntimeException e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CheckpointException(
        file + ": malformed pickle: " + detail.lines().findFirst().orElse(""), e);
  }
}
