package dev.tally.domain.pricing;

import java.math.BigDecimal;

/** Prices a quantity of a meter's usage, exactly, in minor units of the plan's currency. */
public sealed interface PriceModel permits PerUnit, GraduatedTiers, VolumeTiers {
  /** The exact, unrounded price of {@code quantity}, in minor units. */
  BigDecimal price(BigDecimal quantity);
}
