package dev.tally.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.client.HttpExchange;
import dev.tally.client.Json;
import dev.tally.client.TallyClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that does something: it finds the server and token (flags, then {@code TALLY_HOST} /
 * {@code TALLY_TOKEN}, then the context), calls Tally through the client library and shows the
 * answer in the chosen format.
 */
abstract class Action implements Callable<Integer> {
  @Mixin Globals globals;

  @Spec CommandSpec spec;

  Environment environment() {
    return ((Main) spec.root().userObject()).environment();
  }

  /** Does the work; returns the exit code. */
  abstract int run();

  @Override
  public Integer call() {
    // Reject a bad -o before anything is sent.
    output();
    return run();
  }

  Output output() {
    return Output.parse(globals.output, environment().outIsTerminal());
  }

  TallyClient client() {
    Environment environment = environment();
    Contexts contexts = Contexts.load(environment.home());
    Contexts.Context context = null;
    if (globals.context != null) {
      context = contexts.find(globals.context);
      if (context == null) {
        throw new UsageError("no context named " + globals.context + " (see 'tally context ls')");
      }
    } else if (contexts.current() != null) {
      context = contexts.find(contexts.current());
    }
    String host = first(globals.host, environment.variable("TALLY_HOST"), context, true);
    String token = first(globals.token, environment.variable("TALLY_TOKEN"), context, false);
    if (host == null) {
      throw new UsageError(
          "no Tally to talk to: run 'tally login --host URL --token TOKEN', or pass --host"
              + " (or set TALLY_HOST)");
    }
    if (token == null) {
      throw new UsageError("no token: pass --token, set TALLY_TOKEN or run 'tally login'");
    }
    return client(host, token);
  }

  TallyClient client(String host, String token) {
    TallyClient.Builder builder =
        TallyClient.builder().baseUrl(host).token(token).requestIds(environment().requestIds());
    if (globals.verbose) {
      builder.onExchange(this::log);
    }
    return builder.build();
  }

  private static String first(
      String flag, String variable, Contexts.Context context, boolean host) {
    if (flag != null) {
      return flag;
    }
    if (variable != null) {
      return variable;
    }
    return context == null ? null : host ? context.host() : context.token();
  }

  private void log(HttpExchange exchange) {
    var err = environment().err();
    err.println("> " + exchange.method() + " " + exchange.url());
    exchange
        .requestHeaders()
        .forEach((name, values) -> err.println("> " + name + ": " + values.get(0)));
    err.println("> Authorization: Bearer <redacted>");
    if (!exchange.requestBody().isEmpty()) {
      err.println("> " + exchange.requestBody());
    }
    if (exchange.failure() != null) {
      err.println("< (no answer: " + exchange.failure() + ")");
    } else {
      err.println("< " + exchange.status());
      for (String name : List.of("content-type", "x-request-id")) {
        List<String> values = exchange.responseHeaders().getOrDefault(name, List.of());
        if (!values.isEmpty()) {
          err.println("< " + name + ": " + values.get(0));
        }
      }
      if (!exchange.responseBody().isEmpty()) {
        err.println("< " + exchange.responseBody());
      }
    }
    err.flush();
  }

  /** The whole text of {@code file}, or of standard input when it is {@code -}. */
  String readInput(String file) {
    try {
      if (file.equals("-")) {
        return new String(environment().in().readAllBytes(), StandardCharsets.UTF_8);
      }
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new UsageError("no such file: " + file);
      }
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      throw new UsageError("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** {@code file} (or standard input) read as JSON in the admin API's shape (snake_case). */
  <T> T readJson(String file, Class<T> type, String what) {
    String text = readInput(file);
    try {
      return Json.SNAKE.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new UsageError(
          (file.equals("-") ? "standard input" : file)
              + " is not a "
              + what
              + " in JSON: "
              + e.getOriginalMessage());
    }
  }

  /** Prints the view unless {@code --quiet}. */
  int show(View view) {
    if (!globals.quiet) {
      environment().out().print(output().render(view, environment().colour()));
      environment().out().flush();
    }
    return 0;
  }

  /** Prints a note for people to stderr, unless quiet or the output is for machines. */
  void note(String text) {
    if (!globals.quiet) {
      environment().err().println(text);
      environment().err().flush();
    }
  }

  static JsonNode snake(Object value) {
    return Json.SNAKE.valueToTree(value);
  }

  static JsonNode camel(Object value) {
    return Json.CAMEL.valueToTree(value);
  }

  static JsonNode tree(ObjectMapper json, Map<String, ?> value) {
    return json.valueToTree(value);
  }
}
