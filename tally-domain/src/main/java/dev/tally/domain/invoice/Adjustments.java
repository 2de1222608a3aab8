package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import java.util.List;
import java.util.Objects;

/**
 * What reduces an invoice after its lines: the account's discounts and its credit grants, each with
 * the balance left for this invoice (its amount less what other, finalized invoices consumed).
 */
public record Adjustments(List<Discount> discounts, List<AvailableCredit> credits) {
  public static final Adjustments NONE = new Adjustments(List.of(), List.of());

  public Adjustments {
    discounts = List.copyOf(discounts);
    credits = List.copyOf(credits);
  }

  /** A credit grant and the balance this invoice may still use. */
  public record AvailableCredit(CreditGrant grant, Money remaining) {
    public AvailableCredit {
      Objects.requireNonNull(grant, "grant");
      Objects.requireNonNull(remaining, "remaining");
    }
  }
}
