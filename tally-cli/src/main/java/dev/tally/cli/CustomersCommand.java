package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.client.CustomerInvoices;
import dev.tally.client.Json;
import dev.tally.client.Page;
import dev.tally.client.customers.CustomerInvoice;
import dev.tally.client.customers.CustomerInvoiceListParams;
import dev.tally.client.customers.CustomerLineItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally customers invoices list|get}: the operator's view, Metronome's filters. */
@Command(
    name = "customers",
    description = "The operator's view of customers (operator token).",
    subcommands = CustomersCommand.Invoices.class)
final class CustomersCommand {
  private CustomersCommand() {}

  /** A customer's invoices. */
  @Command(
      name = "invoices",
      description = "A customer's invoices.",
      subcommands = {CustomersCommand.ListInvoices.class, CustomersCommand.GetInvoice.class})
  static final class Invoices {}

  /** Lists a customer's invoices with Metronome's filters. */
  @Command(
      name = "list",
      aliases = "ls",
      description = "List a customer's invoices, oldest first unless --sort date_desc.")
  static final class ListInvoices extends Action {
    @Parameters(paramLabel = "CUSTOMER", description = "The customer (account) id")
    String customer;

    @Option(names = "--status", description = "DRAFT, FINALIZED or VOID")
    String status;

    @Option(names = "--type", description = "USAGE, USAGE_CONSOLIDATED or SCHEDULED")
    String type;

    @Option(names = "--credit-type", paramLabel = "ID", description = "Credit type id or currency")
    String creditType;

    @Option(names = "--contract", paramLabel = "ID", description = "Only this contract's invoices")
    String contract;

    @Option(
        names = "--starting-on",
        paramLabel = "TIME",
        description = "RFC 3339: periods starting at or after it")
    String startingOn;

    @Option(
        names = "--ending-before",
        paramLabel = "TIME",
        description = "RFC 3339: periods ending before it")
    String endingBefore;

    @Option(names = "--sort", description = "date_asc (default) or date_desc")
    String sort;

    @Option(names = "--limit", paramLabel = "N", description = "Invoices per page, 1 to 100")
    Integer limit;

    @Option(names = "--next-page", paramLabel = "CURSOR", description = "Continue a listing")
    String nextPage;

    @Option(names = "--all", description = "Fetch every page.")
    boolean all;

    @Option(names = "--skip-zero-qty-line-items", description = "Leave out zero-quantity lines")
    boolean skipZero;

    @Override
    int run() {
      CustomerInvoiceListParams params =
          CustomerInvoiceListParams.builder()
              .status(status)
              .type(type)
              .creditTypeId(creditType)
              .contractId(contract)
              .startingOn(instant("--starting-on", startingOn))
              .endingBefore(instant("--ending-before", endingBefore))
              .sort(sort)
              .limit(limit)
              .skipZeroQtyLineItems(skipZero ? Boolean.TRUE : null)
              .build();
      CustomerInvoices invoices = client().customerInvoices();
      List<CustomerInvoice> found;
      String next = null;
      if (all) {
        found = invoices.listAll(customer, params).toList();
      } else {
        Page<CustomerInvoice> page = invoices.list(customer, params, nextPage);
        found = page.items();
        next = page.nextCursor();
      }
      ObjectNode data = Json.SNAKE.createObjectNode();
      data.set("data", snake(found));
      data.put("next_page", next);
      List<JsonNode> rows = new ArrayList<>();
      data.path("data").forEach(rows::add);
      Table table =
          Table.of("ID", "STATUS", "PERIOD START", "PERIOD END", "ISSUED", "TOTAL>", "AMOUNT DUE>");
      for (CustomerInvoice invoice : found) {
        String currency = Money.currencyOfCreditType(invoice.creditType().name());
        table.row(
            invoice.id(),
            invoice.status(),
            Statement.day(invoice.startTimestamp()),
            Statement.day(invoice.endTimestamp()),
            Statement.day(invoice.issuedAt()),
            Money.format(invoice.total(), currency),
            invoice.amountDue() == null ? "" : Money.format(invoice.amountDue(), currency));
      }
      show(new View(data, rows, table::render));
      if (next != null && output().isTable()) {
        note("More invoices: add --next-page " + next);
      }
      return 0;
    }
  }

  /** One invoice of a customer with its line items. */
  @Command(name = "get", description = "Show one invoice of a customer with its line items.")
  static final class GetInvoice extends Action {
    @Parameters(index = "0", paramLabel = "CUSTOMER", description = "The customer (account) id")
    String customer;

    @Parameters(index = "1", paramLabel = "INVOICE", description = "The invoice id")
    String invoiceId;

    @Option(names = "--skip-zero-qty-line-items", description = "Leave out zero-quantity lines")
    boolean skipZero;

    @Override
    int run() {
      CustomerInvoice invoice = client().customerInvoices().retrieve(customer, invoiceId, skipZero);
      String currency = Money.currencyOfCreditType(invoice.creditType().name());
      Table lines = Table.of("NAME", "TYPE", "QUANTITY>", "UNIT PRICE>", "TOTAL>");
      for (CustomerLineItem line : invoice.lineItems()) {
        lines.row(
            line.groupValue() == null ? line.name() : line.name() + " (" + line.groupValue() + ")",
            line.type(),
            plain(line.quantity()),
            Money.price(line.unitPrice(), currency),
            Money.format(line.total(), currency));
      }
      String facts =
          "INVOICE   "
              + invoice.id()
              + "\nSTATUS    "
              + invoice.status()
              + "\nPERIOD    "
              + Statement.period(invoice.startTimestamp(), invoice.endTimestamp())
              + "\nTOTAL     "
              + Money.format(invoice.total(), currency)
              + "\n\n";
      return show(View.of(snake(invoice), colour -> facts + lines.render(colour)));
    }

    private static String plain(BigDecimal value) {
      return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
  }

  static Instant instant(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageError(
          option + " must be an RFC 3339 time such as 2026-01-01T00:00:00Z, not '" + text + "'");
    }
  }
}
