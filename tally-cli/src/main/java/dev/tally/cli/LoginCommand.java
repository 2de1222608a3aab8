package dev.tally.cli;

import dev.tally.client.billing.Login;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tally login}: checks a token against a Tally and saves both as a context. */
@Command(
    name = "login",
    description = "Check a token against a Tally and save host and token as the current context.")
final class LoginCommand extends Action {
  @Option(
      names = {"-n", "--name"},
      defaultValue = "default",
      description = "Name of the context (default: ${DEFAULT-VALUE})")
  String name;

  @Override
  int run() {
    Environment environment = environment();
    String host = globals.host != null ? globals.host : environment.variable("TALLY_HOST");
    String token = globals.token != null ? globals.token : environment.variable("TALLY_TOKEN");
    if (host == null || token == null) {
      throw new UsageError("login needs --host URL and --token TOKEN");
    }
    Login login = client(host, token).billing().login();
    Contexts contexts = Contexts.load(environment.home());
    contexts.put(new Contexts.Context(name, host, token));
    Map<String, Object> saved = new LinkedHashMap<>();
    saved.put("context", name);
    saved.put("host", host);
    saved.put("kind", login.kind());
    saved.put("account_id", login.accountId());
    saved.put("team_id", login.teamId());
    return show(
        View.of(
            tree(dev.tally.client.Json.SNAKE, saved),
            colour ->
                "Logged in to "
                    + host
                    + " with "
                    + describe(login)
                    + "; saved as context \""
                    + name
                    + "\" in ~/.tally/cli.json.\n"));
  }

  private static String describe(Login login) {
    return switch (login.kind()) {
      case "account" -> "an account token of " + login.accountId();
      case "team" -> "a team token of " + login.teamId() + " (account " + login.accountId() + ")";
      default -> "an " + login.kind() + " token";
    };
  }
}
