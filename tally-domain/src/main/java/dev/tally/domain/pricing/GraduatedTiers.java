package dev.tally.domain.pricing;

import java.math.BigDecimal;
import java.util.List;

/** Each tier's units at that tier's own price: the first 100 at 10, the next 900 at 8, ... */
public record GraduatedTiers(List<Tier> tiers) implements PriceModel {
  public GraduatedTiers {
    tiers = List.copyOf(tiers);
    Tier.checkOrder(tiers);
  }

  @Override
  public BigDecimal price(BigDecimal quantity) {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal lower = BigDecimal.ZERO;
    for (Tier tier : tiers) {
      if (quantity.compareTo(lower) <= 0) {
        break;
      }
      BigDecimal upper = tier.upTo() == null ? quantity : tier.upTo().min(quantity);
      total = total.add(upper.subtract(lower).multiply(tier.unitPrice()));
      if (tier.upTo() == null) {
        break;
      }
      lower = tier.upTo();
    }
    return total;
  }
}
