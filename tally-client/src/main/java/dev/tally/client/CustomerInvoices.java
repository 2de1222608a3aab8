package dev.tally.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.client.Transport.Retry;
import dev.tally.client.customers.CustomerInvoice;
import dev.tally.client.customers.CustomerInvoiceListParams;
import java.util.List;

/** Any customer's invoices through the Metronome-compatible routes (operator token). */
public final class CustomerInvoices {
  private static final ObjectMapper JSON = Json.SNAKE;

  private final Transport transport;

  CustomerInvoices(Transport transport) {
    this.transport = transport;
  }

  /** One page of the customer's invoices; {@code nextPage} is the cursor from the last page. */
  public Page<CustomerInvoice> list(
      String customerId, CustomerInvoiceListParams params, String nextPage) {
    ListAnswer answer =
        transport.call(
            "GET",
            "/v1/customers/" + Query.encode(customerId) + "/invoices",
            Query.of()
                .add("limit", params.limit())
                .add("status", params.status())
                .add("type", params.type())
                .add("credit_type_id", params.creditTypeId())
                .add("contract_id", params.contractId())
                .add("starting_on", params.startingOn())
                .add("ending_before", params.endingBefore())
                .add("sort", params.sort())
                .add("skip_zero_qty_line_items", params.skipZeroQtyLineItems())
                .add("next_page", nextPage),
            null,
            JSON,
            JSON.constructType(ListAnswer.class),
            Retry.SAFE);
    return new Page<>(answer.data(), answer.nextPage());
  }

  /** Every invoice of the customer that matches {@code params}, fetched a page at a time. */
  public Pager<CustomerInvoice> listAll(String customerId, CustomerInvoiceListParams params) {
    return new Pager<>(cursor -> list(customerId, params, cursor));
  }

  /** One invoice with its line items; zero-quantity lines left out when {@code skipZero}. */
  public CustomerInvoice retrieve(String customerId, String invoiceId, boolean skipZero) {
    Retrieved answer =
        transport.call(
            "GET",
            "/v1/customers/" + Query.encode(customerId) + "/invoices/" + Query.encode(invoiceId),
            Query.of().add("skip_zero_qty_line_items", skipZero ? "true" : null),
            null,
            JSON,
            JSON.constructType(Retrieved.class),
            Retry.SAFE);
    return answer.data();
  }

  record ListAnswer(List<CustomerInvoice> data, String nextPage) {}

  record Retrieved(CustomerInvoice data) {}
}
