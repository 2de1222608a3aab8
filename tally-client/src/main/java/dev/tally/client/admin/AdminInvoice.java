package dev.tally.client.admin;

import dev.tally.client.billing.ByocUsage;
import dev.tally.client.billing.PaasUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An invoice as the admin API shows it: {@code status} DRAFT, FINALIZED or VOID; ISO {@code
 * currency}; amounts in minor units (cents), {@code total = subtotal + tax.amount}; {@code
 * issuedAt}, {@code dueAt} and {@code number} (such as ACME-000001) null on a draft; {@code
 * replacesInvoiceId} set on an invoice regenerated for a void one; {@code voidReason} on a void
 * one; {@code paidAt} once paid; {@code payment} the provider's last report, or null.
 */
public record AdminInvoice(
    String id,
    String accountId,
    String status,
    String currency,
    Span period,
    Instant createdAt,
    Instant issuedAt,
    Instant dueAt,
    String number,
    String replacesInvoiceId,
    String voidReason,
    Instant paidAt,
    Payment payment,
    long subtotal,
    Tax tax,
    long total,
    List<Line> lines,
    Breakdown breakdown) {

  /**
   * A payment provider's report: {@code status} PAID, PAYMENT_FAILED, UNCOLLECTIBLE, ... (only PAID
   * makes the invoice paid); {@code externalId} the provider's id, or null.
   */
  public record Payment(String provider, String status, String externalId, Instant reportedAt) {}

  /** A half-open span of time {@code [start, end)}. */
  public record Span(Instant start, Instant end) {}

  /** {@code percent} of the subtotal, {@code amount} in cents. */
  public record Tax(BigDecimal percent, long amount) {}

  /**
   * A line: {@code kind} usage or subscription; {@code total = base + proration} in cents; {@code
   * groups} split the total by resource, cluster or dimension values.
   */
  public record Line(
      String title,
      String kind,
      String planId,
      String meterId,
      String category,
      Instant startsAt,
      Instant endingBefore,
      BigDecimal quantity,
      BigDecimal unitPrice,
      long base,
      long proration,
      long total,
      List<Group> groups) {}

  /** One group of a line's usage and its share of the line in cents. */
  public record Group(Map<String, String> dimensions, BigDecimal quantity, long total) {}

  /** PaaS charges by team → project → resource type → resource, and BYOC charges by cluster. */
  public record Breakdown(PaasUsage paas, ByocUsage byoc) {}
}
