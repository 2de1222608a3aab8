package dev.tally.server.metronome;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.billing.InvoiceService;
import dev.tally.domain.error.NotFound;
import dev.tally.domain.invoice.Invoice;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.server.http.Authenticator;
import dev.tally.server.http.WireJson;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The operator's view of a customer's invoices in Metronome's shape: {@code GET
 * /v1/customers/{customer_id}/invoices} (filtered, sorted, paged by cursor) and {@code GET
 * /v1/customers/{customer_id}/invoices/{invoice_id}}. The customer is a Tally account.
 */
public final class CustomerInvoicesRoute {
  private final InvoiceService invoices;
  private final Authenticator authenticator;

  public CustomerInvoicesRoute(InvoiceService invoices, Authenticator authenticator) {
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  /**
   * Lists the invoices the query selects, each with its line items, and the cursor of the next page
   * ({@code next_page}, null on the last page). Only the page's drafts are priced.
   */
  public void list(Context ctx) {
    authenticator.authenticate(ctx).requireOperator();
    Account account = customer(ctx);
    InvoiceQuery query = InvoiceQuery.parse(QueryParams.of(ctx), account.id());
    InvoiceQuery.Page page = query.page(invoices.headers(account), account);
    List<Map<String, Object>> data =
        page.invoices().stream()
            .map(header -> view(header, account, query.skipZeroQuantityLines()))
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", data);
    body.put("next_page", page.nextPage());
    WireJson.respond(ctx, body);
  }

  /** One invoice of the customer; an invoice of another customer is not found. */
  public void retrieve(Context ctx) {
    authenticator.authenticate(ctx).requireOperator();
    Account account = customer(ctx);
    QueryParams params = QueryParams.of(ctx);
    boolean skipZero = params.bool("skip_zero_qty_line_items");
    params.throwIfAny();
    String invoiceId = ctx.pathParam("invoice_id");
    InvoiceHeader header = invoices.header(account.id(), new InvoiceId(invoiceId));
    WireJson.respond(ctx, Map.of("data", view(header, account, skipZero)));
  }

  private Account customer(Context ctx) {
    String id = ctx.pathParam("customer_id");
    try {
      return invoices.account(new AccountId(id));
    } catch (NotFound e) {
      throw new NotFound("customer", id);
    }
  }

  private Map<String, Object> view(InvoiceHeader header, Account account, boolean skipZero) {
    Invoice invoice = new Invoice(header, invoices.charges(header));
    return InvoiceView.toApi(invoice, account, skipZero);
  }
}
