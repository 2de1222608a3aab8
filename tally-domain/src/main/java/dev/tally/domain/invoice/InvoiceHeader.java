package dev.tally.domain.invoice;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.time.BillingPeriod;
import java.time.Instant;
import java.util.Objects;

/**
 * The stored facts of an invoice apart from its charges. {@code issuedAt}, {@code dueAt} and {@code
 * number} are null until it is finalized; {@code paidAt} is null until a payment provider reports
 * it paid; {@code replaces} is the void invoice of the same period this one regenerates, or null;
 * {@code voidReason} is set once it is void; {@code payment} is the last status a payment provider
 * reported, or null.
 */
public record InvoiceHeader(
    InvoiceId id,
    AccountId accountId,
    BillingPeriod period,
    InvoiceStatus status,
    String currency,
    Instant createdAt,
    Instant issuedAt,
    Instant dueAt,
    Instant paidAt,
    String number,
    InvoiceId replaces,
    String voidReason,
    Payment payment) {
  public InvoiceHeader {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A header without a number, replacement, void reason or payment. */
  public InvoiceHeader(
      InvoiceId id,
      AccountId accountId,
      BillingPeriod period,
      InvoiceStatus status,
      String currency,
      Instant createdAt,
      Instant issuedAt,
      Instant dueAt,
      Instant paidAt) {
    this(
        id, accountId, period, status, currency, createdAt, issuedAt, dueAt, paidAt, null, null,
        null, null);
  }

  public boolean isPaid() {
    return paidAt != null;
  }
}
