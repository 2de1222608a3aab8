package dev.tally.domain.invoice;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.time.BillingPeriod;
import java.time.Instant;
import java.util.Objects;

/**
 * The stored facts of an invoice apart from its charges. {@code issuedAt} and {@code dueAt} are
 * null until it is finalized; {@code paidAt} is null until it is paid.
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
    Instant paidAt) {
  public InvoiceHeader {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
