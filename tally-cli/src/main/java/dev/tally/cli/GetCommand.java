package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.client.Billing;
import dev.tally.client.billing.ByocUsage;
import dev.tally.client.billing.DetailsParams;
import dev.tally.client.billing.Invoice;
import dev.tally.client.billing.InvoiceDetails;
import dev.tally.client.billing.InvoiceFilter;
import dev.tally.client.billing.InvoiceListParams;
import dev.tally.client.billing.InvoiceSummary;
import dev.tally.client.billing.LineItem;
import dev.tally.client.billing.PaasUsage;
import java.math.BigDecimal;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally get invoice [details]}: Northflank's commands over the customer's routes. */
@Command(
    name = "get",
    description = "Get one resource (as the Northflank CLI does).",
    subcommands = GetCommand.GetInvoice.class)
final class GetCommand {
  private GetCommand() {}

  /** One invoice with its breakdown. */
  @Command(
      name = "invoice",
      description = "Gets details about a given invoice.",
      subcommands = GetCommand.Details.class)
  static final class GetInvoice extends Action {
    @Option(names = "--invoiceId", paramLabel = "ID", description = "ID of the invoice")
    String invoiceId;

    @Option(names = "--teamId", paramLabel = "ID", description = "The ID of the team to filter by.")
    String teamId;

    @Option(
        names = "--projectId",
        paramLabel = "ID",
        description = "The ID of the project to filter by.")
    String projectId;

    @Option(
        names = "--resourceType",
        paramLabel = "TYPE",
        description =
            "The resource type to filter by: service, job, addon, volume, opentofu-job,"
                + " llm-model-deployment, external-addon.")
    String resourceType;

    @Mixin TeamRoute team;

    @Override
    int run() {
      if (invoiceId == null) {
        throw new UsageError(
            "get invoice needs --invoiceId ID (or use 'tally get invoice details')");
      }
      Invoice invoice =
          team.of(client().billing())
              .invoice(invoiceId, new InvoiceFilter(teamId, projectId, resourceType));
      Statement statement =
          new Statement(invoice.currency())
              .fact("INVOICE", invoice.id())
              .fact(
                  "PERIOD",
                  Statement.period(invoice.period().startInstant(), invoice.period().endInstant()))
              .fact("PAID", Statement.yesNo(invoice.paid()));
      paas(statement, invoice.paasUsage());
      byoc(statement, invoice.byocUsage());
      lineItems(statement, invoice.lineItems());
      statement.item(0, "Subtotal", invoice.subTotal());
      statement.item(0, "Discounts", invoice.discounts() == null ? 0 : invoice.discounts().total());
      statement.item(0, "Tax (" + percent(invoice.tax().percent()) + "%)", invoice.tax().amount());
      statement.item(0, "Total", invoice.total());
      return show(View.of(camel(invoice), statement::render));
    }
  }

  /** The preview of the current period, or the invoice of a time. */
  @Command(
      name = "details",
      description =
          "Get details about an invoice: the preview of the current period, or with --timestamp"
              + " the invoice that time belongs to.")
  static final class Details extends Action {
    @Option(
        names = "--timestamp",
        paramLabel = "T",
        description = "Unix time (seconds) of the invoice to show.")
    Long timestamp;

    @Option(names = "--projectId", paramLabel = "ID", description = "Only this project.")
    String projectId;

    @Mixin TeamRoute team;

    @Override
    int run() {
      Billing billing = team.of(client().billing());
      InvoiceDetails details =
          billing.details(DetailsParams.none().timestamp(timestamp).projectId(projectId));
      JsonNode data = camel(details);
      if (!output().isTable()) {
        return show(View.of(data, colour -> ""));
      }
      // The details document carries no currency: the invoice list does.
      List<InvoiceSummary> newest =
          billing.listInvoices(InvoiceListParams.none().perPage(1)).items();
      String currency = newest.isEmpty() ? "" : newest.get(0).currency();
      Statement statement =
          new Statement(currency)
              .fact(
                  "PERIOD",
                  Statement.period(details.period().startInstant(), details.period().endInstant()))
              .fact("PAID", details.paid() == null ? "(preview)" : Statement.yesNo(details.paid()));
      if (details.paasUsage() != null) {
        statement.item(0, "PaaS usage", details.paasUsage().price().total());
        for (InvoiceDetails.Team team : details.paasUsage().teams()) {
          statement.item(1, "team " + team.name(), team.usage().price().total());
          for (InvoiceDetails.Project project : team.usage().projects()) {
            statement.item(2, "project " + project.id(), project.price().total());
          }
        }
      }
      byoc(statement, details.byocUsage());
      lineItems(statement, details.lineItems());
      statement.item(0, "Subtotal", details.subTotal());
      statement.item(0, "Discount", details.discount());
      statement.item(0, "Tax (" + percent(details.tax().percent()) + "%)", details.tax().value());
      statement.item(0, "Total", details.total());
      return show(View.of(data, statement::render));
    }
  }

  private static void paas(Statement statement, PaasUsage paas) {
    if (paas == null) {
      return;
    }
    statement.item(0, "PaaS usage", paas.price().total());
    for (PaasUsage.Team team : paas.teams()) {
      statement.item(1, "team " + team.name(), team.price().total());
      for (PaasUsage.Project project : team.projects()) {
        statement.item(2, "project " + project.name(), project.price().total());
        for (PaasUsage.ResourceType type : project.resourceTypes()) {
          statement.item(3, type.resourceType(), type.price().total());
          for (PaasUsage.Resource resource : type.resources()) {
            statement.item(4, resource.name(), resource.price().total());
          }
        }
      }
    }
  }

  private static void byoc(Statement statement, ByocUsage byoc) {
    if (byoc != null) {
      statement.item(0, "BYOC usage", byoc.price().total());
    }
  }

  private static void lineItems(Statement statement, List<LineItem> items) {
    if (items != null) {
      items.forEach(item -> statement.item(0, item.title(), item.total()));
    }
  }

  static String percent(BigDecimal percent) {
    return percent == null ? "0" : percent.stripTrailingZeros().toPlainString();
  }
}
