package dev.tally.client.billing;

import java.math.BigDecimal;
import java.util.List;

/**
 * The details of the invoice of a time, or the live preview of the current period, as {@code GET
 * /v1/billing/invoices/details} answers. Amounts in cents; {@code paid} is null for the preview.
 */
public record InvoiceDetails(
    Period period,
    Boolean paid,
    ByocUsage byocUsage,
    Paas paasUsage,
    List<LineItem> lineItems,
    long subTotal,
    long discount,
    Tax tax,
    long total) {

  /** PaaS charges by team and project. */
  public record Paas(PaasPrice price, List<Team> teams) {}

  /** A team's share, with its projects under {@code usage}. */
  public record Team(String id, String name, TeamUsage usage) {}

  /** A team's price and its projects. */
  public record TeamUsage(PaasPrice price, List<Project> projects) {}

  /** A project's share. */
  public record Project(String id, PaasPrice price) {}

  /** The tax: {@code percent} of the subtotal, {@code value} in cents. */
  public record Tax(BigDecimal percent, long value) {}
}
