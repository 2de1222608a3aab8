package dev.tally.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a rounded amount into parts proportional to weights so that the parts sum exactly to the
 * amount (largest-remainder method: each part gets the floor of its exact share, and the minor
 * units left over go to the parts with the largest remainders, earlier parts first on ties).
 */
public final class Allocation {
  private Allocation() {}

  public static List<Money> proportional(Money amount, List<BigDecimal> weights) {
    int count = weights.size();
    if (count == 0) {
      if (!amount.isZero()) {
        throw new IllegalArgumentException("cannot allocate " + amount + " to no parts");
      }
      return List.of();
    }
    if (amount.signum() < 0) {
      return proportional(amount.negate(), weights).stream().map(Money::negate).toList();
    }
    BigDecimal totalWeight = BigDecimal.ZERO;
    for (BigDecimal weight : weights) {
      if (weight.signum() < 0) {
        throw new IllegalArgumentException("weights must not be negative: " + weight);
      }
      totalWeight = totalWeight.add(weight);
    }
    List<BigDecimal> effective = weights;
    if (totalWeight.signum() == 0) {
      effective = weights.stream().map(weight -> BigDecimal.ONE).toList();
      totalWeight = BigDecimal.valueOf(count);
    }
    // Exact arithmetic: share i is amount * weight_i / totalWeight; its floor and the remainder
    // (kept as amount * weight_i - floor * totalWeight, so ties compare exactly) need no rounding.
    BigDecimal[] floors = new BigDecimal[count];
    BigDecimal[] remainders = new BigDecimal[count];
    BigDecimal allocated = BigDecimal.ZERO;
    for (int i = 0; i < count; i++) {
      BigDecimal numerator = amount.minor().multiply(effective.get(i));
      floors[i] = numerator.divideToIntegralValue(totalWeight).setScale(0, RoundingMode.FLOOR);
      remainders[i] = numerator.subtract(floors[i].multiply(totalWeight));
      allocated = allocated.add(floors[i]);
    }
    int leftover = amount.minor().subtract(allocated).intValueExact();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparing((Integer i) -> remainders[i])
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    for (int k = 0; k < leftover; k++) {
      int index = order.get(k % count);
      floors[index] = floors[index].add(BigDecimal.ONE);
    }
    List<Money> parts = new ArrayList<>(count);
    for (BigDecimal floor : floors) {
      parts.add(new Money(floor));
    }
    return parts;
  }
}
