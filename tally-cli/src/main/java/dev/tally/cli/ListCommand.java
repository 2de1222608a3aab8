package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.client.Billing;
import dev.tally.client.Json;
import dev.tally.client.Page;
import dev.tally.client.billing.InvoiceListParams;
import dev.tally.client.billing.InvoiceSummary;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally list invoices}: Northflank's command over the customer's billing routes. */
@Command(
    name = "list",
    description = "List resources (as the Northflank CLI does).",
    subcommands = ListCommand.Invoices.class)
final class ListCommand {
  private ListCommand() {}

  /** A page of the customer's invoices, or all of them, newest period first. */
  @Command(name = "invoices", description = "Get a list of past invoices, newest first.")
  static final class Invoices extends Action {
    @Option(
        names = "--per_page",
        paramLabel = "N",
        description = "The number of results per request, at most 100 (default 50).")
    Integer perPage;

    @Option(names = "--page", paramLabel = "P", description = "The page number to access.")
    Integer page;

    @Option(
        names = "--cursor",
        paramLabel = "C",
        description = "The cursor returned from the previous page of results.")
    String cursor;

    @Option(names = "--all", description = "Fetch every page.")
    boolean all;

    @Mixin TeamRoute team;

    @Override
    int run() {
      Billing billing = team.of(client().billing());
      List<InvoiceSummary> invoices;
      String next = null;
      if (all) {
        invoices = billing.listAllInvoices(perPage).toList();
      } else {
        Page<InvoiceSummary> found =
            billing.listInvoices(
                InvoiceListParams.none().perPage(perPage).page(page).cursor(cursor));
        invoices = found.items();
        next = found.nextCursor();
      }
      ObjectNode data = Json.CAMEL.createObjectNode();
      data.set("invoices", camel(invoices));
      if (!all) {
        ObjectNode pagination = data.putObject("pagination");
        pagination.put("hasNextPage", next != null).put("count", invoices.size());
        if (next != null) {
          pagination.put("cursor", next);
        }
      }
      List<JsonNode> rows = new ArrayList<>();
      data.path("invoices").forEach(rows::add);
      Table table = Table.of("ID", "PERIOD START", "PERIOD END", "TOTAL>", "SUBTOTAL>", "PAID");
      for (InvoiceSummary invoice : invoices) {
        table.row(
            invoice.id(),
            Statement.day(invoice.period().start()),
            Statement.day(invoice.period().end()),
            Money.format(invoice.total(), invoice.currency()),
            Money.format(invoice.subTotal(), invoice.currency()),
            Statement.yesNo(invoice.paid()));
      }
      show(new View(data, rows, table::render));
      if (next != null && output().isTable()) {
        note("More invoices: tally list invoices --cursor " + next);
      }
      return 0;
    }
  }
}
