package dev.tally.cli;

import dev.tally.client.ConnectionException;
import dev.tally.client.FieldError;
import dev.tally.client.TallyException;
import dev.tally.client.ValidationException;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tally} command line. Exit codes: 0 success, 1 an error from the API or the server (the
 * message names the request id), 2 a usage error (bad flag, no server configured, unreadable file).
 */
@Command(
    name = "tally",
    mixinStandardHelpOptions = true,
    version = "tally 0.1.0",
    description = "Talk to a Tally billing server.",
    subcommands = {
      LoginCommand.class,
      ContextCommand.class,
      ListCommand.class,
      GetCommand.class,
      CustomersCommand.class,
      IngestCommand.class,
      BillingCommand.class,
      AdminCommands.Accounts.class,
      AdminCommands.Teams.class,
      AdminCommands.Projects.class,
      AdminCommands.Resources.class,
      AdminCommands.Clusters.class,
      AdminCommands.Meters.class,
      AdminCommands.Plans.class,
      AdminCommands.Subscriptions.class,
      AdminCommands.Tokens.class,
      AdminCommands.Invoices.class,
    })
public final class Main implements Runnable {
  /** Exit code of an error reported by the API or a failure to reach it. */
  static final int API_ERROR = 1;

  /** Exit code of a mistake in the command itself. */
  static final int USAGE_ERROR = 2;

  private final Environment environment;

  Main(Environment environment) {
    this.environment = environment;
  }

  Environment environment() {
    return environment;
  }

  /** Runs the command line of the process and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintWriter err =
        new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    var variables = System.getenv();
    boolean outTerminal =
        variables.containsKey("TALLY_STDOUT_IS_TERMINAL")
            ? "1".equals(variables.get("TALLY_STDOUT_IS_TERMINAL"))
            : consoleIsTerminal();
    boolean errTerminal = "1".equals(variables.get("TALLY_STDERR_IS_TERMINAL"));
    SecureRandom random = new SecureRandom();
    Environment environment =
        new Environment(
            variables,
            Path.of(System.getProperty("user.home")),
            System.in,
            out,
            err,
            outTerminal,
            errTerminal,
            () -> {
              byte[] bytes = new byte[6];
              random.nextBytes(bytes);
              return "cli-" + HexFormat.of().formatHex(bytes);
            });
    System.exit(run(environment, args));
  }

  /** Runs one command line in {@code environment} and returns its exit code. */
  static int run(Environment environment, String... args) {
    CommandLine commandLine = new CommandLine(new Main(environment));
    withHelp(commandLine);
    commandLine.setOut(environment.out());
    commandLine.setErr(environment.err());
    commandLine.setParameterExceptionHandler(
        (problem, arguments) -> {
          PrintWriter err = environment.err();
          err.println("error: " + problem.getMessage());
          err.println(
              "Run '"
                  + problem.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for usage.");
          err.flush();
          return USAGE_ERROR;
        });
    commandLine.setExecutionExceptionHandler(
        (problem, line, parsed) -> {
          PrintWriter err = environment.err();
          int code = report(problem, err, environment.variable("TALLY_DEBUG") != null);
          err.flush();
          return code;
        });
    int code = commandLine.execute(args);
    environment.out().flush();
    environment.err().flush();
    return code;
  }

  /** Gives every command {@code -h, --help} (and {@code -V, --version}). */
  private static void withHelp(CommandLine command) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    command.getSubcommands().values().forEach(Main::withHelp);
  }

  private static int report(Exception problem, PrintWriter err, boolean debug) {
    switch (problem) {
      case UsageError usage -> {
        err.println("error: " + usage.getMessage());
        return USAGE_ERROR;
      }
      case ConnectionException connection -> {
        err.println("error: " + connection.getMessage());
        return API_ERROR;
      }
      case TallyException api -> {
        err.println(
            "error: "
                + api.getMessage()
                + " (HTTP "
                + api.status()
                + (api.requestId() == null ? "" : ", request id " + api.requestId())
                + ")");
        if (api instanceof ValidationException validation) {
          for (FieldError field : validation.errors()) {
            if (api.getMessage().equals(field.field() + " " + field.message())) {
              continue;
            }
            err.println("  " + field.field() + ": " + field.message());
          }
        }
        return API_ERROR;
      }
      default -> {
        // A bug, not a user error: the trace only on request.
        err.println("error: unexpected " + problem + " (set TALLY_DEBUG=1 for the stack trace)");
        if (debug) {
          problem.printStackTrace(err);
        }
        return API_ERROR;
      }
    }
  }

  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // Java 22+: a console exists even when redirected; ask whether it is a terminal.
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(environment.out());
  }
}
