package dev.tally.domain.invoice;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.money.Money;
import dev.tally.domain.usage.MeterId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A reduction of an account's invoices over {@code [startsAt, endsAt)} ({@code endsAt} null: open):
 * either {@code percent} (0-100) or a fixed {@code amount} in minor units per period, of the whole
 * invoice or, with {@code meterId}, of that meter's usage lines. Prorated by the share of the
 * period it is in force (docs/billing.md).
 */
public record Discount(
    String id,
    AccountId accountId,
    String name,
    BigDecimal percent,
    Money amount,
    MeterId meterId,
    Instant startsAt,
    Instant endsAt) {
  public Discount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(startsAt, "startsAt");
    if ((percent == null) == (amount == null)) {
      throw new IllegalArgumentException("a discount is either a percent or an amount");
    }
    if (endsAt != null && !startsAt.isBefore(endsAt)) {
      throw new IllegalArgumentException("a discount must start before it ends");
    }
  }
}
