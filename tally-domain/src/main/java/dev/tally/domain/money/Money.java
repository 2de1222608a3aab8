package dev.tally.domain.money;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Objects;

/**
 * A rounded amount in the minor units of a currency (cents for USD, yen for JPY). Always a whole
 * number: amounts with fractions of a minor unit exist only before {@link Rounding#round}.
 */
public record Money(BigDecimal minor) implements Comparable<Money> {
  public static final Money ZERO = new Money(BigDecimal.ZERO);

  public Money {
    Objects.requireNonNull(minor, "minor");
    if (minor.scale() > 0 && minor.signum() != 0 && minor.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("money must be a whole number of minor units: " + minor);
    }
    minor = minor.setScale(0);
  }

  public static Money ofMinor(long minor) {
    return new Money(BigDecimal.valueOf(minor));
  }

  public Money plus(Money other) {
    return new Money(minor.add(other.minor));
  }

  public Money minus(Money other) {
    return new Money(minor.subtract(other.minor));
  }

  public Money negate() {
    return new Money(minor.negate());
  }

  public boolean isZero() {
    return minor.signum() == 0;
  }

  public int signum() {
    return minor.signum();
  }

  public static Money sum(Collection<Money> amounts) {
    Money total = ZERO;
    for (Money amount : amounts) {
      total = total.plus(amount);
    }
    return total;
  }

  @Override
  public int compareTo(Money other) {
    return minor.compareTo(other.minor);
  }

  @Override
  public String toString() {
    return minor.toPlainString();
  }
}
