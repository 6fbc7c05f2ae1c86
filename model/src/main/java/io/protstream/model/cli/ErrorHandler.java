package io.protstream.model.cli;

import io.protstream.model.checkpoint.CheckpointException;
import io.protstream.model.pipeline.ModelIntegrityException;
import io.protstream.model.runtime.DeviceUnavailableException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints expected failures (bad input, missing device, unreadable checkpoint, a model folder that
 * does not match its manifest) as one line instead of a stack trace; anything else is a bug and
 * keeps its trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  static final int USER_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
      throws Exception {
    if (e instanceof DeviceUnavailableException
        || e instanceof CheckpointException
        || e instanceof ModelIntegrityException
        || e instanceof UncheckedIOException
        || e instanceof IllegalArgumentException) {
      cli.getErr().println("error: " + e.getMessage());
      return USER_ERROR;
    }
    throw e;
  }
}
