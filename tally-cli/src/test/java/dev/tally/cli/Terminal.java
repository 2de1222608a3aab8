package dev.tally.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the command line in-process as a user would at a shell: its own home directory and
 * environment variables, captured output, request ids {@code req-1}, {@code req-2}, ... per run.
 */
final class Terminal {
  /** What one command printed and its exit code. */
  record Run(String command, int exit, String out, String err) {}

  private final Path home;
  private final Map<String, String> variables = new HashMap<>();
  private boolean terminal;
  private String stdin = "";

  Terminal(Path home) {
    this.home = home;
  }

  Terminal set(String name, String value) {
    variables.put(name, value);
    return this;
  }

  /** Whether stdout and stderr are terminals (off by default, as when piped). */
  Terminal terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  Terminal stdin(String text) {
    this.stdin = text;
    return this;
  }

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger requests = new AtomicInteger();
    Environment environment =
        new Environment(
            Map.copyOf(variables),
            home,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err),
            terminal,
            terminal,
            () -> "req-" + requests.incrementAndGet());
    int exit = Main.run(environment, args);
    return new Run("tally " + String.join(" ", args), exit, out.toString(), err.toString());
  }
}
