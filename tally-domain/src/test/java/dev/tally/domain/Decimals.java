package dev.tally.domain;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generated decimals for property tests: quantities, prices and weights. */
public final class Decimals {
  private Decimals() {}

  /** Decimals from 0 to {@code max} with anything from 0 to {@code maxScale} decimal places. */
  public static Arbitrary<BigDecimal> upTo(String max, int maxScale) {
    return Arbitraries.integers()
        .between(0, maxScale)
        .flatMap(
            scale ->
                Arbitraries.bigDecimals()
                    .between(BigDecimal.ZERO, new BigDecimal(max))
                    .ofScale(scale));
  }
}
