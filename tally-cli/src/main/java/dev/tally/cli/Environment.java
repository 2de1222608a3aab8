package dev.tally.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a run of the command line sees of the world: environment variables, the home directory
 * (where contexts are kept), standard streams, whether they are terminals, and where request ids
 * come from. Tests make their own; {@link Main} takes the process's.
 */
record Environment(
    Map<String, String> variables,
    Path home,
    InputStream in,
    PrintWriter out,
    PrintWriter err,
    boolean outIsTerminal,
    boolean errIsTerminal,
    Supplier<String> requestIds) {

  String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** Colour only on a terminal, and never when {@code NO_COLOR} is set. */
  boolean colour() {
    return outIsTerminal && variable("NO_COLOR") == null;
  }
}
