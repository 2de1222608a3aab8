package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tally.client.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tally context ls|use}: the saved contexts. */
@Command(
    name = "context",
    description = "List the saved contexts or choose the current one.",
    subcommands = {ContextCommand.Ls.class, ContextCommand.Use.class})
final class ContextCommand {
  private ContextCommand() {}

  /** Lists the contexts, never their tokens. */
  @Command(
      name = "ls",
      aliases = "list",
      description = "List the saved contexts (* marks the current).")
  static final class Ls extends Action {
    @Override
    int run() {
      Contexts contexts = Contexts.load(environment().home());
      ArrayNode data = Json.SNAKE.createArrayNode();
      Table table = Table.of("CURRENT", "NAME", "HOST");
      for (Contexts.Context context : contexts.all().values()) {
        boolean current = context.name().equals(contexts.current());
        data.addObject()
            .put("name", context.name())
            .put("host", context.host())
            .put("current", current);
        table.row(current ? "*" : "", context.name(), context.host());
      }
      List<JsonNode> rows = new ArrayList<>();
      data.forEach(rows::add);
      return show(new View(data, rows, table::render));
    }
  }

  /** Makes a saved context the current one. */
  @Command(name = "use", description = "Make a saved context the current one.")
  static final class Use extends Action {
    @Parameters(paramLabel = "NAME", description = "The context's name")
    String name;

    @Override
    int run() {
      Contexts.load(environment().home()).use(name);
      note("Now using context \"" + name + "\".");
      return 0;
    }
  }
}
