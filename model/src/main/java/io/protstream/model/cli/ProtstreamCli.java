package io.protstream.model.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code protstream.jar}. */
@Command(
    name = "protstream",
    mixinStandardHelpOptions = true,
    version = "protstream 0.1.0",
    description = "ProtT5-XL-U50 embeddings and the ProtTrans heads on the JVM.",
    subcommands = {
      ConvertCommand.class,
      EmbedCommand.class,
      PredictCommand.class,
      DemoModelCommand.class,
      FetchCommand.class,
      VerifyCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ProtstreamCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new ProtstreamCli());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    return cli;
  }
}
