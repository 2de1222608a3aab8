package dev.tally.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding rule of Tally: an exact amount in minor units is rounded to a whole minor unit,
 * half away from zero, once per priced line (see docs/rounding.md). Every total is then a sum of
 * rounded parts, so breakdowns always add up.
 */
public final class Rounding {
  public static final RoundingMode MODE = RoundingMode.HALF_UP;

  private Rounding() {}

  public static Money round(BigDecimal exactMinor) {
    return new Money(exactMinor.setScale(0, MODE));
  }

  /** The tax on a taxable amount at a percentage, rounded by the rule. */
  public static Money percentOf(Money amount, BigDecimal percent) {
    return round(amount.minor().multiply(percent).movePointLeft(2));
  }
}
