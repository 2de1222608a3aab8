package dev.tally.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.client.Transport.Retry;
import dev.tally.client.billing.DetailsParams;
import dev.tally.client.billing.Invoice;
import dev.tally.client.billing.InvoiceDetails;
import dev.tally.client.billing.InvoiceFilter;
import dev.tally.client.billing.InvoiceListParams;
import dev.tally.client.billing.InvoiceSummary;
import dev.tally.client.billing.Login;
import java.util.List;

/**
 * A customer's invoices through the Northflank-compatible routes, with an account token (the whole
 * account) or, after {@link #team(String)}, through a team's routes (that team's share only).
 */
public final class Billing {
  private static final ObjectMapper JSON = Json.CAMEL;

  private final Transport transport;
  private final String prefix;

  Billing(Transport transport, String teamId) {
    this.transport = transport;
    this.prefix = teamId == null ? "/v1" : "/v1/teams/" + Query.encode(teamId);
  }

  /** The same calls through the routes of team {@code teamId}: only that team's share. */
  public Billing team(String teamId) {
    return new Billing(transport, teamId);
  }

  /** Who the token is; fails with {@link AuthenticationException} for a bad token. */
  public Login login() {
    return data("/v1/login", Query.of(), JSON.constructType(Login.class));
  }

  /** One page of invoices, newest period first (the first is the live draft). */
  public Page<InvoiceSummary> listInvoices(InvoiceListParams params) {
    ListAnswer answer =
        transport.call(
            "GET",
            prefix + "/billing/invoices",
            Query.of()
                .add("per_page", params.perPage())
                .add("page", params.page())
                .add("cursor", params.cursor()),
            null,
            JSON,
            JSON.constructType(ListAnswer.class),
            Retry.SAFE);
    return new Page<>(answer.data().invoices(), answer.pagination().cursor());
  }

  /** Every invoice, newest first, fetched by cursor {@code perPage} at a time (null: default). */
  public Pager<InvoiceSummary> listAllInvoices(Integer perPage) {
    return new Pager<>(
        cursor -> listInvoices(InvoiceListParams.none().perPage(perPage).cursor(cursor)));
  }

  /** The live preview of the current period, or with a timestamp the invoice of that time. */
  public InvoiceDetails details(DetailsParams params) {
    return data(
        prefix + "/billing/invoices/details",
        Query.of()
            .add("timestamp", params.timestamp())
            .add("projectId", params.projectId())
            .add("serviceId", params.serviceId())
            .add("jobId", params.jobId())
            .add("addonId", params.addonId()),
        JSON.constructType(InvoiceDetails.class));
  }

  /** One invoice with its breakdown, narrowed by {@code filter}; 404 for another's invoice. */
  public Invoice invoice(String invoiceId, InvoiceFilter filter) {
    return data(
        prefix + "/billing/invoices/" + Query.encode(invoiceId),
        Query.of()
            .add("teamId", filter.teamId())
            .add("projectId", filter.projectId())
            .add("resourceType", filter.resourceType()),
        JSON.constructType(Invoice.class));
  }

  private <T> T data(String path, Query query, JavaType type) {
    JavaType wrapped = JSON.getTypeFactory().constructParametricType(Data.class, type);
    Data<T> answer = transport.call("GET", path, query, null, JSON, wrapped, Retry.SAFE);
    return answer.data();
  }

  record Data<T>(T data) {}

  record ListAnswer(Invoices data, Pagination pagination) {}

  record Invoices(List<InvoiceSummary> invoices) {}

  record Pagination(boolean hasNextPage, int count, String cursor) {}
}
