package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import java.util.Objects;

/** Credit of one grant used by one invoice: {@code amount} in minor units, positive. */
public record AppliedCredit(String grantId, String name, Money amount) {
  public AppliedCredit {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(amount, "amount");
  }
}
