package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import dev.tally.domain.usage.MeterId;
import java.util.Objects;

/**
 * A discount as applied to one invoice: {@code amount} in minor units, positive, taken off the
 * invoice; {@code meterId} is null for a discount of the whole invoice.
 */
public record AppliedDiscount(String discountId, String name, MeterId meterId, Money amount) {
  public AppliedDiscount {
    Objects.requireNonNull(discountId, "discountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(amount, "amount");
  }
}
