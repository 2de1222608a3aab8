package dev.tally.domain.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/** One price for every unit, in minor units per unit (fractions allowed). */
public record PerUnit(BigDecimal unitPrice) implements PriceModel {
  public PerUnit {
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (unitPrice.signum() < 0) {
      throw new IllegalArgumentException("unit price must not be negative");
    }
  }

  @Override
  public BigDecimal price(BigDecimal quantity) {
    return quantity.multiply(unitPrice);
  }
}
