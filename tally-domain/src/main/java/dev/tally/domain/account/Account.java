package dev.tally.domain.account;

import dev.tally.domain.time.MonthlyCycle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The billing entity: Metronome's customer, Northflank's account. Billed monthly from its anchor,
 * in its currency, with a tax percentage and payment terms; {@code contractId} may be null.
 */
public record Account(
    AccountId id,
    String name,
    String currency,
    Instant billingAnchor,
    BigDecimal taxPercent,
    int paymentTermsDays,
    String contractId,
    Instant createdAt) {
  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(billingAnchor, "billingAnchor");
    Objects.requireNonNull(taxPercent, "taxPercent");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public MonthlyCycle cycle() {
    return new MonthlyCycle(billingAnchor);
  }
}
