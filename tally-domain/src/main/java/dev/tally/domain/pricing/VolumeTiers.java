package dev.tally.domain.pricing;

import java.math.BigDecimal;
import java.util.List;

/** Every unit at the price of the tier the whole quantity falls in. */
public record VolumeTiers(List<Tier> tiers) implements PriceModel {
  public VolumeTiers {
    tiers = List.copyOf(tiers);
    Tier.checkOrder(tiers);
  }

  @Override
  public BigDecimal price(BigDecimal quantity) {
    for (Tier tier : tiers) {
      if (tier.upTo() == null || quantity.compareTo(tier.upTo()) <= 0) {
        return quantity.multiply(tier.unitPrice());
      }
    }
    throw new IllegalStateException("the last tier is open-ended");
  }
}
