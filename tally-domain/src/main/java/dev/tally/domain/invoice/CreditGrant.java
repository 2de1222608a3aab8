package dev.tally.domain.invoice;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * Prepaid or promotional credit of an account: {@code amount} in minor units, usable by invoices of
 * periods that overlap {@code [effectiveAt, expiresAt)}; a lower {@code priority} is used first.
 */
public record CreditGrant(
    String id,
    AccountId accountId,
    String name,
    Money amount,
    Instant effectiveAt,
    Instant expiresAt,
    int priority) {
  public CreditGrant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(effectiveAt, "effectiveAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("a credit grant must not be negative");
    }
    if (!effectiveAt.isBefore(expiresAt)) {
      throw new IllegalArgumentException("a credit grant must take effect before it expires");
    }
  }
}
