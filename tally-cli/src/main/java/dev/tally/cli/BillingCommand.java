package dev.tally.cli;

import dev.tally.client.admin.BillingRun;
import picocli.CommandLine.Command;

/** {@code tally billing run}: finalizes every draft whose period has ended. */
@Command(
    name = "billing",
    description = "Billing runs (operator token).",
    subcommands = BillingCommand.Run.class)
final class BillingCommand {
  private BillingCommand() {}

  /** Runs billing once now. */
  @Command(name = "run", description = "Finalize every draft invoice whose period has ended.")
  static final class Run extends Action {
    @Override
    int run() {
      BillingRun run = client().admin().invoices().runBilling();
      StringBuilder text = new StringBuilder("Finalized " + run.finalized() + " invoice(s).\n");
      for (String failed : run.failed()) {
        text.append("Could not finalize ").append(failed).append("; it stays a draft.\n");
      }
      show(View.of(snake(run), colour -> text.toString()));
      return run.failed().isEmpty() ? 0 : Main.API_ERROR;
    }
  }
}
