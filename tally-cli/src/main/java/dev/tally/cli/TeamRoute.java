package dev.tally.cli;

import dev.tally.client.Billing;
import picocli.CommandLine.Option;

/** {@code --team T}: send a Northflank command through team T's routes (what team tokens read). */
final class TeamRoute {
  @Option(
      names = "--team",
      paramLabel = "T",
      description = "Through team T's routes: that team's share (for team tokens).")
  String team;

  Billing of(Billing billing) {
    return team == null ? billing : billing.team(team);
  }
}
