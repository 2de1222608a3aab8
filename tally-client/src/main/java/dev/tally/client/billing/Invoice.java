package dev.tally.client.billing;

import java.math.BigDecimal;
import java.util.List;

/**
 * One invoice with its whole breakdown, as {@code GET /v1/billing/invoices/{invoiceId}} answers:
 * amounts in cents, {@code total = subTotal - discounts.total + tax.amount}.
 */
public record Invoice(
    String id,
    Period period,
    String currency,
    ByocUsage byocUsage,
    PaasUsage paasUsage,
    List<LineItem> lineItems,
    long subTotal,
    Discounts discounts,
    Tax tax,
    long total,
    Boolean paid) {

  /** Discounts in cents (always 0 for now). */
  public record Discounts(long total) {}

  /** The tax: {@code percent} of the subtotal (such as 20 or 8.5), {@code amount} in cents. */
  public record Tax(BigDecimal percent, long amount) {}
}
