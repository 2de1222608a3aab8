package dev.tally.domain.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One tier of a tiered price: units up to and including {@code upTo} (null for the last, open tier)
 * at {@code unitPrice} minor units each.
 */
public record Tier(BigDecimal upTo, BigDecimal unitPrice) {
  public Tier {
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (unitPrice.signum() < 0) {
      throw new IllegalArgumentException("unit price must not be negative");
    }
    if (upTo != null && upTo.signum() <= 0) {
      throw new IllegalArgumentException("a tier's upper bound must be positive");
    }
  }

  static void checkOrder(java.util.List<Tier> tiers) {
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("at least one tier is needed");
    }
    BigDecimal previous = BigDecimal.ZERO;
    for (int i = 0; i < tiers.size(); i++) {
      Tier tier = tiers.get(i);
      boolean last = i == tiers.size() - 1;
      if (last != (tier.upTo() == null)) {
        throw new IllegalArgumentException("only the last tier is open-ended, and it must be");
      }
      if (tier.upTo() != null) {
        if (tier.upTo().compareTo(previous) <= 0) {
          throw new IllegalArgumentException("tier bounds must increase");
        }
        previous = tier.upTo();
      }
    }
  }
}
